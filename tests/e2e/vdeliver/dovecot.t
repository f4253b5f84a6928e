# vdeliver with real Dovecot 2.3 (started by the test, logins through
# checkvpw): its maildirsize is the one Dovecot's maildir quota backend
# uses (doveadm quota get reports the same usage and leaves the file alone,
# and vdeliver appends to the file Dovecot rewrote), and a message it
# delivered reads back byte for byte over POP3 after a checkvpw login.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
source "$TOP/tests/dovecot.sh"
need python3
dovecot_need
[ -x /usr/bin/doveadm ] || skip "doveadm (dovecot-core) is not installed"
[ -e /usr/lib/dovecot/modules/lib10_quota_plugin.so ] || skip "Dovecot's quota plugin is missing"
[ -x "$TOP/checkvpw" ] || fail "checkvpw is not built"
QUOTA=200000 COUNT=50
echo "virtual.example:$BASE" > "$QROOT/control/virtualdomains"
mktable <<<"joe mailbox pw=joe-secret hard=$QUOTA count=$COUNT"
MD=$BHOME/users/joe
msg() { printf 'Subject: %s\nFrom: alice@sender.example\n\n' "$1"; head -c "$2" /dev/urandom | base64; }

qmail_deliver joe < <(msg one 3000); expect_rc 0 "first"
qmail_deliver joe < <(msg two 12000); expect_rc 0 "second"
# A folder Dovecot knows, then a recount (file missing) that must include it.
mkdir -p "$MD/.Archive/cur" "$MD/.Archive/new" "$MD/.Archive/tmp"
msg archived 5000 > "$T/archived"
cp "$T/archived" "$MD/.Archive/cur/1700000000.M1P1Q1R1.vm,S=$(stat -c %s "$T/archived"):2,S"
chown -R "$BASE_UID:$BASE_UID" "$MD"
rm "$MD/maildirsize"
# The message read back later: lines of every kind POP3 has to escape.
printf 'Subject: read me back\nFrom: alice@sender.example\n\n.leading dot\n..two dots\n.\nFrom the start\n\ttab line\nlast line without newline' > "$T/pop-msg"
qmail_deliver joe < "$T/pop-msg"; expect_rc 0 "third"
popped=$(grep -l '^Subject: read me back$' "$MD/new/"*)
expect_eq "$(cat "$popped")" "Return-Path: <alice@sender.example>
Delivered-To: vmdbase-joe@virtual.example
$(cat "$T/pop-msg")" "stored copy to read back"
qmail_deliver joe < <(msg four 40000); expect_rc 0 "fourth"

read -r bytes count < <(tail -n +2 "$MD/maildirsize" | awk '{b += $1; c += $2} END {print b, c}')
expect_eq "$count" 5 "messages in maildirsize"
expect_eq "$bytes" "$(cat "$MD/new/"* "$MD/.Archive/cur/"* | wc -c)" "bytes in maildirsize"
before=$(cat "$MD/maildirsize")

export VMAILMGR_ETC=$VETC
dovecot_config "$T/dovecot" "$TOP/checkvpw" checkpassword \
  'mail_plugins = $mail_plugins quota' \
  'namespace inbox {
  inbox = yes
  separator = .
  prefix =
}' \
  'plugin {
  quota = maildir:User quota
}'
dovecot_start in_sandbox
trap dovecot_stop EXIT

# checkvpw gives Dovecot both limits (userdb_quota_rule); doveadm reads
# vdeliver's maildirsize as it is (doveadm shows KiB, rounded up).
run in_sandbox doveadm -c "$DOVECOT_DIR/dovecot.conf" -f tab quota get -u joe@virtual.example
expect_rc 0 "doveadm quota get (log: $(dovecot_log | tail -n 5))"
storage=$(awk -F'\t' '$2 == "STORAGE" {print $3, $4}' <<<"$out")
messages=$(awk -F'\t' '$2 == "MESSAGE" {print $3, $4}' <<<"$out")
expect_eq "$storage" "$(( (bytes + 1023) / 1024 )) $(( (QUOTA + 1023) / 1024 ))" "Dovecot's STORAGE (KiB used, limit) in [$out]"
expect_eq "$messages" "$count $COUNT" "Dovecot's MESSAGE (used, limit) in [$out]"
expect_eq "$(cat "$MD/maildirsize")" "$before" "Dovecot kept vdeliver's maildirsize"

# The other way round: Dovecot recounts, vdeliver reads its file and appends.
run in_sandbox doveadm -c "$DOVECOT_DIR/dovecot.conf" quota recalc -u joe@virtual.example
expect_rc 0 "doveadm quota recalc"
expect_eq "$(cat "$MD/maildirsize")" "${QUOTA}S,${COUNT}C
$bytes $count" "Dovecot's recount agrees"
qmail_deliver joe < <(msg five 100); expect_rc 0 "after Dovecot's recount"
s5=$(stat -c %s "$(grep -l '^Subject: five$' "$MD/new/"*)")
expect_eq "$(cat "$MD/maildirsize")" "${QUOTA}S,${COUNT}C
$bytes $count
$s5 1" "vdeliver appended to Dovecot's file"

# POP3 after a checkvpw login: the message as vdeliver stored it, byte for byte.
run python3 - "$DOVECOT_POP3_PORT" "$popped" <<'PY'
import poplib, sys
port, path = int(sys.argv[1]), sys.argv[2]
stored = open(path, "rb").read()
p = poplib.POP3("127.0.0.1", port, timeout=20)
p.user("joe@virtual.example")
p.pass_("joe-secret")
count, _ = p.stat()
for i in range(1, count + 1):
    resp, lines, octets = p.retr(i)
    got = b"\n".join(lines)
    if got.startswith(stored.split(b"\n", 1)[0] + b"\n") and b"Subject: read me back" in got:
        break
else:
    sys.exit("message not found")
p.quit()
# POP3 undoes dot-stuffing; line ends are CRLF on the wire (poplib strips
# them); the stored copy ends without a newline, which POP3 cannot show.
print("identical" if got == stored else "different:\n%r\n%r" % (got, stored))
PY
expect_rc 0 "POP3 client (stderr: $err; log: $(dovecot_log | tail -n 5))"
expect_eq "$out" "identical" "POP3 read-back"
dovecot_stop
exit 0
