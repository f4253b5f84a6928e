# vpoppassd under tcpserver, with a client speaking as Roundcube's poppassd
# driver does: greeting, user, pass, newpass (CR LF lines, 2xx/5xx codes
# checked), then quit. The new password logs in through checkvpw, the old
# one stops; a wrong password is answered 500 after at least 1 s; accounts
# that cannot log in are refused; the log holds no password.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
need tcpserver
vmd_world
port=$(tcp_port)
"${SANDBOX[@]}" tcpserver -q -H -R 127.0.0.1 "$port" "$TOP/vpoppassd" --timeout 2 </dev/null 2>>"$T/vpoppassd.log" &
PP=$!
stop() {
  local kids; kids=$(pgrep -P "$PP"); kill "$PP" 2>/dev/null; wait "$PP" 2>/dev/null
  [ -n "$kids" ] && kill $kids 2>/dev/null; return 0
}
trap stop EXIT
for i in $(seq 100); do (exec 5<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
sleep 0.2; : > "$T/vpoppassd.log"

cat > "$T/roundcube.py" <<'PY'
# What Roundcube's poppassd driver does (plugins/password/drivers/poppassd.php):
# read a line, check its code, write "user", "pass", "newpass", each checked.
import re, socket, sys, time
def change(port, user, old, new, quit=True):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    f = s.makefile("rb")
    said = []
    def line():
        l = f.readline().decode(); said.append(l.rstrip("\r\n")); return l
    def send(text):
        s.sendall(text.encode() + b"\r\n")
    start = time.time()
    try:
        if not re.match(r"^2\d\d", line()): return said, "PASSWORD_ERROR", 0
        send("user " + user)
        if not re.match(r"^[23]\d\d", line()): return said, "PASSWORD_CONNECT_ERROR", 0
        start = time.time(); send("pass " + old)
        if not re.match(r"^[23]\d\d", line()): return said, "PASSWORD_ERROR", time.time() - start
        send("newpass " + new)
        ok = re.match(r"^2\d\d", line())
        if quit: send("quit"); line()
        return said, "PASSWORD_SUCCESS" if ok else "PASSWORD_ERROR", 0
    finally:
        s.close()
port = int(sys.argv[1])
for user, old, new in [a.split("|") for a in sys.argv[2:]]:
    said, result, took = change(port, user, old, new)
    print(result, said, "slow" if took >= 1.0 else "")
PY
run python3 "$T/roundcube.py" "$port" 'joe@example.test|joe-secret|N3w pass wörd' \
  'joe@example.test|joe-secret|again' 'dora@example.test|dora-secret|x' \
  'eve@example.test|eve-secret|x' 'sales@example.test|*|x' 'nobody@example.test|x|y' \
  'joe@example.test|base-secret|x' "ann@example.test|ann-secret|$(printf 'x%.0s' $(seq 300))" \
  'ann@example.test|ann-secret|ann two'
expect_rc 0 "client"
expect_out "PASSWORD_SUCCESS ['200 vpoppassd: hello, who are you?', '200 your password please.', '200 your new password please.', '200 password changed, thank you.', '200 bye.'] 
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '500 old password is incorrect.'] slow
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '500 old password is incorrect.'] slow
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '500 old password is incorrect.'] slow
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '500 old password is incorrect.'] slow
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '500 old password is incorrect.'] slow
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '500 old password is incorrect.'] slow
PASSWORD_ERROR ['200 vpoppassd: hello, who are you?', '200 your password please.', '200 your new password please.', '500 the password is longer than 256 bytes.', '200 bye.'] 
PASSWORD_SUCCESS ['200 vpoppassd: hello, who are you?', '200 your password please.', '200 your new password please.', '200 password changed, thank you.', '200 bye.'] " "dialogues"

expect_login joe@example.test 'N3w pass wörd'
expect_no_login joe@example.test joe-secret
expect_login ann@example.test 'ann two'
dump joe
grep -q '^Encrypted-Password: \$y\$' <<<"$out" || fail "not a yescrypt hash: $out"
[ "$(stat -c %u "$BASE_H/passwd.cdb")" = 2941 ] || fail "the table is not the base user's"

# Roundcube itself sends no quit: the change stands, the connection ends.
run python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10); f = s.makefile("rb")
f.readline()
for l in [b"USER boss@other.test", b"PASS boss-secret", b"NEWPASS boss two"]:
    s.sendall(l + b"\r\n"); print(f.readline().decode().strip())
s.close()' "$port"
expect_out "200 your password please.
200 your new password please.
200 password changed, thank you."
for i in $(seq 50); do [ "$(wc -l < "$T/vpoppassd.log")" -ge 10 ] && break; sleep 0.1; done
expect_login boss@other.test 'boss two'

# A silent client is dropped after --timeout 2.
run python3 -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10); f = s.makefile("rb")
start = time.time(); print(f.readline().decode().strip()); print(f.readline().decode().strip()); print(f.readline() == b"", round(time.time() - start))' "$port"
expect_out "200 vpoppassd: hello, who are you?
500 timed out waiting for the next command.
True 2" "idle client"
for i in $(seq 50); do [ "$(wc -l < "$T/vpoppassd.log")" -ge 11 ] && break; sleep 0.1; done
expect_eq "$(sed -E 's/^vpoppassd: 127\.0\.0\.1:[0-9]+ /vpoppassd: PEER /' "$T/vpoppassd.log")" \
"vpoppassd: PEER joe@example.test: OK: password changed
vpoppassd: PEER joe@example.test: ERROR: authentication failed: wrong password, or the account cannot log in: joe@example.test
vpoppassd: PEER dora@example.test: ERROR: authentication failed: wrong password, or the account cannot log in: dora@example.test
vpoppassd: PEER eve@example.test: ERROR: authentication failed: wrong password, or the account cannot log in: eve@example.test
vpoppassd: PEER sales@example.test: ERROR: authentication failed: wrong password, or the account cannot log in: sales@example.test
vpoppassd: PEER nobody@example.test: ERROR: authentication failed: wrong password, or the account cannot log in: nobody@example.test
vpoppassd: PEER joe@example.test: ERROR: authentication failed: wrong password, or the account cannot log in: joe@example.test
vpoppassd: PEER ann@example.test: ERROR: new password refused: the password is longer than 256 bytes
vpoppassd: PEER ann@example.test: OK: password changed
vpoppassd: PEER boss@other.test: OK: password changed
vpoppassd: PEER -: ERROR: timed out" "log"
for secret in 'N3w pass' joe-secret 'ann two' ann-secret 'boss two' base-secret dora-secret; do
  grep -q -- "$secret" "$T/vpoppassd.log" && fail "'$secret' is in the log"
done
exit 0
