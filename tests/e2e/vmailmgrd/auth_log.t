# Who vmailmgrd lets in and what it writes down: the admin password is the
# admin-password file when there is one (vadminpasswd sets, locks and
# removes it), else the base user's system password; a failed
# authentication costs at least 1 s and is logged; the process becomes the
# base user (groups, gid, uid); one exact log line per request, never a
# password or an autoresponse text.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
vmd_serve_unix
trap vmd_stop EXIT

# example.test has no admin-password file: the system password is the admin's.
vmc listdomain example.test base-secret; expect_rc 0 "system password"
printf 'Adm1n Pass\n' | base "$TOP/vadminpasswd" --quiet || fail "vadminpasswd"
[ "$(stat -c '%u %a' "$BASE_H/.vmailmgr/admin-password")" = "2941 600" ] || fail "admin-password mode"
vmc listdomain example.test 'Adm1n Pass'; expect_rc 0 "the file's password"
vmc listdomain example.test base-secret; expect_rc 1 "system password with a file"
expect_out "ERROR: authentication failed"
base "$TOP/vadminpasswd" --quiet --lock || fail "vadminpasswd --lock"
vmc listdomain example.test 'Adm1n Pass'; expect_rc 1 "locked"
vmc listdomain example.test '*'; expect_rc 1 "locked, '*'"
base "$TOP/vadminpasswd" --quiet --remove || fail "vadminpasswd --remove"
vmc listdomain example.test base-secret; expect_rc 0 "system password again"
# The account's own password is never the admin's, and the other way round.
vmc deluser example.test ann ann-secret; expect_rc 1 "deluser with the account's password"
vmc chattr example.test joe base-secret 1 'Joe Pw 2'; expect_rc 0 "the admin sets a password"

# A failed authentication takes at least a second; a good one does not wait.
run python3 - "$VMD_SOCKET" <<'PY'
import sys, time, vmailmgr_client as vm
c = vm.Client(socket_path=sys.argv[1])
for pw in ["wrong", "Joe Pw 2"]:
    start = time.time()
    frames = c.call("lookup", "example.test", "joe", pw)
    print(frames[-1][0], time.time() - start >= 1.0)
start = time.time(); c.call("lookup", "nowhere.test", "joe", "x"); print("unknown domain", time.time() - start >= 1.0)
PY
expect_out "2 True
0 False
unknown domain True" "delays"

# While it waits out a failed authentication, the process already is the
# base user: uid, gid and the supplementary groups of vmdbase (vmdmail).
python3 -c '
import sys, time, vmailmgr_client as vm
vm.Client(socket_path=sys.argv[1]).call("check", "example.test", "joe", "wrong")' "$VMD_SOCKET" &
client=$!
ids=
for i in $(seq 40); do
  pid=$(pgrep -P "$VMD_SERVER" -f vmailmgrd | head -n1)
  if [ -n "$pid" ]; then
    ids=$(grep -E '^(Uid|Gid|Groups):' "/proc/$pid/status" 2>/dev/null | tr -s '\t ' ' ')
    case $ids in *"Uid: 2941"*) break ;; esac
  fi
  sleep 0.05
done
wait "$client"
vmdmail=$(grep '^vmdmail:' "$T/etc/group" | cut -d: -f3)
expect_eq "$ids" "Uid: 2941 2941 2941 2941
Gid: 2941 2941 2941 2941
Groups: 2941 $vmdmail " "the daemon's ids"

# The log: one line per request, exact.
: > "$VMD_LOG"
vmc check example.test joe 'Joe Pw 2'
vmc chattr example.test joe 'Joe Pw 2' 1 'Sup3r-New'
vmc adduser2 example.test kim base-secret 'Kim-Pass-9' kim
vmc autoresponse example.test kim 'Kim-Pass-9' write 'Subject: Vacat1on-Text'
vmc autoresponse example.test kim 'Kim-Pass-9' read
vmc lookup example.test kim 'wrong-Pass-7'
vmc listdomain other.test 'other-admin'
vmc deluser example.test kim base-secret
vmc stat example.test joe base-secret
log_wait 9
expect_eq "$(sed -E 's/^vmailmgrd: uid=0,pid=[0-9]+ /vmailmgrd: PEER /' "$VMD_LOG")" \
"vmailmgrd: PEER check example.test joe: OK: user 'joe' authenticated
vmailmgrd: PEER chattr example.test joe: OK: password for user 'joe' successfully changed
vmailmgrd: PEER adduser2 example.test kim: OK: user 'kim' successfully added
vmailmgrd: PEER autoresponse example.test kim: OK: autoresponse message of user 'kim' written; it is enabled
vmailmgrd: PEER autoresponse example.test kim: OK: autoresponse message of user 'kim' sent
vmailmgrd: PEER lookup example.test kim: ERROR: authentication failed: wrong password (neither the account's nor the admin password): kim@example.test
vmailmgrd: PEER listdomain other.test -: OK: 4 accounts listed
vmailmgrd: PEER deluser example.test kim: OK: user 'kim' successfully deleted
vmailmgrd: PEER stat example.test joe: OK: user 'joe': new 0 (0 bytes), unseen 0 (0 bytes), seen 0 (0 bytes)" "log"
grep -Eq '^vmailmgrd: uid=0,pid=[0-9]+ ' "$VMD_LOG" || fail "peer: $(head -n1 "$VMD_LOG")"
for secret in 'Joe Pw 2' Sup3r-New Kim-Pass-9 wrong-Pass-7 Vacat1on other-admin base-secret Adm1n; do
  grep -q -- "$secret" "$VMD_LOG" && fail "'$secret' is in the log"
done
exit 0
