# Web sessions (vmailmgrd(8) "session", vmailmgr.cgi(8)): the real daemon
# under unixserver, as root in the sandbox, through the Python client. A
# token stands for the password it was issued for: an admin token for the
# domain's admin password, an own token for one account's own password;
# it dies at its idle expiry and at once when that password changes; it is
# never logged. The host key file is made 0600 root on first use, and a key
# file that is no secret refuses sessions.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
vmd_serve_unix
trap vmd_stop EXIT
KEY=$VMAILMGR_ETC/session-key
SHOWN_KEY=$KEY

# session DOMAIN USER PASS: the token in $tok (the command must succeed).
session() {
  vmc session "$@"; expect_rc 0 "session $1 '$2'"
  case $out in "OK: v1."*) tok=${out#OK: } ;; *) fail "session $1 '$2': $out" ;; esac
}
refused() {  # refused WHAT: the last vmc failed authentication
  expect_rc 1 "$1"; expect_out "ERROR: authentication failed" "$1"
}
# together REQUEST...: the requests at once (each failure costs a second:
# one second for all), a REQUEST being the command and its arguments joined
# by '|'; $out: per request its final reply and whether it came after 1 s.
together() {
  run python3 - "$VMD_SOCKET" "$@" <<'PY'
import sys, threading, time, vmailmgr_client as vm
c = vm.Client(socket_path=sys.argv[1])
reqs = sys.argv[2:]
res = [None] * len(reqs)
def go(i):
    start = time.time()
    code, message = c.call(*reqs[i].split("|"))[-1]
    res[i] = "%s: %s (%s)" % ({0: "OK", 1: "BAD", 2: "ERROR"}[code],
                               message.decode() if code else "-",
                               "slow" if time.time() - start >= 1.0 else "fast")
threads = [threading.Thread(target=go, args=(i,)) for i in range(len(reqs))]
for t in threads: t.start()
for t in threads: t.join()
print("\n".join(res))
PY
  expect_rc 0 "together"
}
# all_refused N: N lines of "ERROR: authentication failed (slow)".
all_refused() { printf 'ERROR: authentication failed (slow)\n%.0s' $(seq "$1"); }
tokens=()

[ -e "$KEY" ] && fail "$KEY exists before the first session"
session example.test "" base-secret; admin=$tok; tokens+=("$tok")
expect_eq "$(stat -c '%u %g %a %s' "$KEY")" "0 0 600 32" "the key file"
[ "$(ls -A "$VMAILMGR_ETC" | grep -c session-key)" = 1 ] || fail "a temporary key file was left: $(ls -A "$VMAILMGR_ETC")"

# An admin token: every admin command of its domain, no other domain.
vmc listdomain example.test "$admin"; expect_rc 0 "listdomain with the admin token"
vmc adduser2 example.test kim "$admin" 'Kim-Pass-9' kim; expect_rc 0 "adduser2 with the admin token"
expect_out "OK: user 'kim' successfully added"
vmc chattr example.test kim "$admin" 3 5000000; expect_rc 0 "chattr quota with the admin token"

# An own token: its own account, and nothing else.
session example.test Kim 'Kim-Pass-9'; kim=$tok; tokens+=("$tok")
vmc check example.test kim "$kim"; expect_rc 0 "check with the own token"
expect_out "OK: user 'kim' authenticated"
vmc chattr example.test kim "$kim" 2 kim@elsewhere.test; expect_rc 0 "forwards with the own token"
# What neither token may do: the admin token in another domain or as an
# own password; the own token as the admin password or for another account
# (refused like a wrong password, after the same delay); a token altered
# in one byte of its claims or its MAC.
tampered=()
for i in 5 40 ${#kim}; do
  c=${kim:i-1:1}; [ "$c" = 0 ] && r=1 || r=0
  tampered+=("check|example.test|kim|${kim:0:i-1}$r${kim:i}")
done
together "listdomain|other.test|$admin" "check|example.test|kim|$admin" "session|example.test|kim|$admin" \
  "chattr|example.test|kim|$kim|3|1" "deluser|example.test|kim|$kim" "listdomain|example.test|$kim" \
  "session|example.test||$kim" "lookup|example.test|joe|$kim" "${tampered[@]}"
expect_out "$(all_refused 11)" "what a token may not do"
together "lookup|example.test|kim|$kim"
expect_out "OK: - (fast)" "a good token does not wait"

# Renewal: a new token, which works; the old one works until its expiry.
session example.test kim "$kim"; kim2=$tok; tokens+=("$tok")
[ "$kim2" != "$kim" ] || { sleep 1; session example.test kim "$kim"; kim2=$tok; tokens+=("$tok"); }
[ "$kim2" != "$kim" ] || fail "the renewed token is the old one"
vmc check example.test kim "$kim2"; expect_rc 0 "the renewed token"

# A password change kills every older token at once: through the daemon
# (with the token itself), and from the shell (vpasswd, vadminpasswd).
vmc chattr example.test kim "$kim2" 1 'Kim-Pass-10'; expect_rc 0 "a new password with the token"
together "check|example.test|kim|$kim2" "check|example.test|kim|$kim"
expect_out "$(all_refused 2)" "the tokens after their password changed"
session example.test kim 'Kim-Pass-10'; kim3=$tok; tokens+=("$tok")
vmc check example.test kim "$kim3"; expect_rc 0 "a token of the new password"
printf 'Kim-Pass-11\n' | base "$TOP/vpasswd" --quiet kim || fail "vpasswd kim"
vmc check example.test kim "$kim3"; refused "the token after vpasswd"
vmc listdomain example.test "$admin"; expect_rc 0 "the admin token still"
printf 'Adm1n Pass\n' | base "$TOP/vadminpasswd" --quiet || fail "vadminpasswd"
vmc listdomain example.test "$admin"; refused "the admin token after vadminpasswd"
session example.test "" 'Adm1n Pass'; admin2=$tok; tokens+=("$tok")
vmc deluser example.test kim "$admin2"; expect_rc 0 "deluser with the new admin token"

# Idle expiry: session-idle seconds after it was issued.
printf '1\n' > "$VMAILMGR_ETC/session-idle"
session example.test joe joe-secret; short=$tok; tokens+=("$tok")
sleep 2
together "check|example.test|joe|$short" "session|example.test|joe|$short"
expect_out "$(all_refused 2)" "an expired token, and renewing it"
rm -f "$VMAILMGR_ETC/session-idle"

# Never in the log; the session lines say whose session it is.
log_wait 10
for t in "${tokens[@]}"; do
  grep -qF -- "$t" "$VMD_LOG" && fail "a token is in the log"
  grep -qF -- "${t##*.}" "$VMD_LOG" && fail "a token's MAC is in the log"
done
grep -q 'Kim-Pass' "$VMD_LOG" && fail "a password is in the log"
: > "$VMD_LOG"
session example.test joe joe-secret
vmc check example.test joe "$tok"
vmc check example.test ann "$tok"
log_wait 3
expect_eq "$(sed -E 's/^vmailmgrd: uid=0,pid=[0-9]+ /vmailmgrd: PEER /' "$VMD_LOG")" \
"vmailmgrd: PEER session example.test joe: OK: session of user 'joe' issued for 900 seconds
vmailmgrd: PEER check example.test joe: OK: user 'joe' authenticated
vmailmgrd: PEER check example.test ann: ERROR: authentication failed: wrong password: ann@example.test (a session token of another account)" "log"
good=$tok

# A key file that is no secret: sessions and tokens are refused with an
# ERROR naming the problem; passwords still work.
bad_key() {  # bad_key WHY: session and a token both answer ERROR WHY
  vmc session example.test joe joe-secret; expect_rc 1 "session: $1"
  expect_out "ERROR: session key file $SHOWN_KEY must be $1"
  vmc check example.test joe "$good"; expect_rc 1 "a token: $1"
  expect_out "ERROR: session key file $SHOWN_KEY must be $1"
  vmc check example.test joe joe-secret; expect_rc 0 "a password: $1"
}
cp -p "$KEY" "$T/key.saved"
chmod 0640 "$KEY"; bad_key "readable by its owner alone (mode 0600), not 0640"
chmod 0600 "$KEY"; chown 2941 "$KEY"; bad_key "owned by uid 0, not uid 2941"
chown 0 "$KEY"; head -c 31 "$T/key.saved" > "$KEY"; bad_key "32 bytes long, not 31"
cat "$T/key.saved" "$T/key.saved" > "$KEY"; bad_key "32 bytes long, not 64"
rm -f "$KEY"; ln -s "$T/key.saved" "$KEY"
vmc session example.test joe joe-secret; expect_rc 1 "a symbolic link"
expect_out "ERROR: session key file $KEY must not be a symbolic link"
# The key back as it was: the token issued before works again.
rm -f "$KEY"; cp -p "$T/key.saved" "$KEY"
vmc check example.test joe "$good"; expect_rc 0 "the key restored"
# Another key (the file removed: a new one is made): every token is dead.
rm -f "$KEY"
vmc check example.test joe "$good"; refused "a token of the old key"
expect_eq "$(stat -c '%u %a %s' "$KEY")" "0 600 32" "the key file made again"
cmp -s "$KEY" "$T/key.saved" && fail "the new key is the old one"
exit 0
