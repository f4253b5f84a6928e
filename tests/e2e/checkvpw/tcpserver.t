# checkvpw under tcpserver (ucspi-tcp) behind a qmail-popup stand-in
# (tests/tools/popfront): the probe's report comes back over the connection.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
need tcpserver
world_init

port=$(tcp_port)
trap 'stop_by_pidfile "$T/tcpserver.pid"' EXIT
start_in_sandbox "$T/tcpserver.pid" tcpserver -q -H -R -l example.test 127.0.0.1 "$port" \
  "$TOOLS/popfront" pop.example.test "$CHECKVPW" "$PROBE" ./Maildir/
wait_port "$port" || fail "tcpserver did not start on port $port"

# pop USER PASS: one session; everything after the greeting in $out. QUIT
# only after a refusal: on success the session belongs to the next program.
pop() {
  out=$(python3 - "$port" "$1" "$2" <<'PY'
import socket, sys
port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.create_connection(("127.0.0.1", port), timeout=20)
f = s.makefile("rb")
f.readline()  # greeting
s.sendall(b"USER " + user.encode() + b"\r\nPASS " + password.encode() + b"\r\n")
lines = []
while True:
    line = f.readline()
    if not line:
        break
    lines.append(line.decode("latin-1").rstrip("\r\n"))
    if line.startswith(b"-ERR"):
        s.sendall(b"QUIT\r\n")
        lines.append(f.readline().decode("latin-1").rstrip("\r\n"))
        break
print("\n".join(lines))
PY
)
}

# Without a domain: TCPLOCALHOST (tcpserver -l) names it.
pop joe joe-secret
expect_eq "$(sed -n 1p <<<"$out")" "+OK" "USER answer"
out=$(sed 1d <<<"$out")
expect_eq "$(probe_line uid)" "2901 2901 2901 2901" "uid"
expect_eq "$(probe_line gid)" "2901 2901 2901 2901" "gid"
expect_eq "$(probe_line groups)" "2901 3902" "supplementary groups"
expect_eq "$(probe_line cwd)" "$BASE_HOME" "cwd"
expect_eq "$(probe_line argv)" "$PROBE
$BASE_HOME/users/joe" "argv"
expect_eq "$(probe_line fd3)" "closed" "fd 3"
expect_eq "$(probe_env USER)" "vmtbase" "USER"
expect_eq "$(probe_env HOME)" "$BASE_HOME" "HOME"
expect_eq "$(probe_env SHELL)" "/bin/sh" "SHELL"
expect_eq "$(probe_env MAILDIR)" "$BASE_HOME/users/joe" "MAILDIR"
expect_eq "$(probe_env VUSER)" "joe" "VUSER"
expect_eq "$(probe_env VUSER_HARDQUOTA)" "5000000" "VUSER_HARDQUOTA"
expect_eq "$(probe_env VUSER_HAS_MAILBOX)" "1" "VUSER_HAS_MAILBOX"
expect_eq "$(probe_env TCPLOCALHOST)" "example.test" "tcpserver's TCPLOCALHOST kept"
expect_eq "$(probe_env TCPLOCALIP)" "127.0.0.1" "TCPLOCALIP kept"
expect_eq "$(probe_env TCPREMOTEIP)" "127.0.0.1" "TCPREMOTEIP kept"
expect_eq "$(probe_env PROTO)" "TCP" "PROTO kept"
expect_eq "$(grep -c joe-secret <<<"$out")" "0" "the password appears nowhere"

# With a domain, and the other forms. (The base-user form "vmtbase-joe" has
# no separator, so TCPLOCALHOST's domain applies to it: see classic.t.)
for login in joe@example.test Joe@EXAMPLE.test joe:example.test joe@pop.wild.test; do
  pop "$login" joe-secret
  out=$(sed 1d <<<"$out")
  expect_eq "$(probe_env VUSER)" "joe" "VUSER for $login"
  expect_eq "$(probe_line uid)" "2901 2901 2901 2901" "uid for $login"
done

# A system user.
pop vmtsys@localhost sys-secret
out=$(sed 1d <<<"$out")
expect_eq "$(probe_line uid)" "2902 2902 2902 2902" "system user uid"
expect_eq "$(probe_line cwd)" "$SYS_HOME" "system user cwd"
expect_eq "$(probe_line argv | tail -n1)" "./Maildir/" "system user Maildir argument as given"

# Refusals come back as checkvpw's exit code, and the probe never runs.
for login in joe@example.test nobody dora@example.test eve@example.test sales@example.test; do
  pop "$login" wrong-or-right
  expect_eq "$out" "+OK
-ERR authorization failed (exit 1)
+OK" "refusal of $login"
done
pop eve@example.test eve-secret
expect_eq "$out" "+OK
-ERR authorization failed (exit 1)
+OK" "expired account with its password"
pop '../etc@example.test' x
expect_eq "$out" "+OK
-ERR authorization failed (exit 1)
+OK" "hostile login"
exit 0
