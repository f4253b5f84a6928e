# vdeliver behind a real OpenSMTPD 6.8 (Debian 12's opensmtpd, unpacked by
# tests/opensmtpd.sh), configured with exactly the lines of INSTALL's
# "OpenSMTPD" section: mail for virtual.example comes in over SMTP on
# 127.0.0.1 and the mda action runs vdeliver --sysexits as vmbase. joe's
# stored copy is compared byte for byte (from a sender and from the null
# sender); mail for an unknown account and for a full mailbox is accepted,
# refused by vdeliver (67, 73) and bounced to the local sender's Maildir with
# vdeliver's message; a temporary failure (75) is deferred, nothing stored or
# bounced, and after `smtpctl schedule all` delivered exactly once. What
# INSTALL warns about is shown too: qmail's exit codes make smtpd bounce a
# temporary failure; a ~vmbase/.forward takes the mail. A real loop is still
# refused. The queue
# ends empty and no process is left in smtpd's namespace.
source "$TOP/tests/lib.sh"
source "$TOP/tests/mta.sh"
source "$TOP/tests/opensmtpd.sh"

mta_sandbox 2970
smtpd_need "$T/smtpd"
mta_accounts joe later full:10  # full takes nothing over 10 bytes
JOE=$BHOME/users/joe
LATER=$BHOME/users/later
FULL=$BHOME/users/full

# INSTALL's three lines for virtual.example, the settings directory in front
# of the command as INSTALL says. One more domain shows what INSTALL warns
# about: qmailcodes.example runs vdeliver without --sysexits.
lines=$(install_snippet OpenSMTPD 1 | snippet_subst "example.com" "virtual.example" \
  "example_com" "virtual_example" "<conf-home>/bin/vdeliver" "VMAILMGR_ETC=$VMAILMGR_ETC $TOP/vdeliver")
[ "$(grep -c . <<<"$lines")" = 3 ] || fail "INSTALL's OpenSMTPD block is not 3 lines: [$lines]"
grep -q "^action .* mda \"VMAILMGR_ETC=$VMAILMGR_ETC $TOP/vdeliver --sysexits " <<<"$lines" ||
  fail "INSTALL's action does not run vdeliver --sysexits first: [$lines]"
variant() { # variant DOMAIN: INSTALL's lines for DOMAIN
  sed "s/virtual\\.example/$1/g; s/virtual_example/${1//./_}/g" <<<"$lines"
}
smtpd_config <<EOF
$lines
$(variant qmailcodes.example | snippet_subst "--sysexits " "")
EOF
grep -q "mda \"VMAILMGR_ETC=$VMAILMGR_ETC $TOP/vdeliver --recipient" "$SMTPD_DIR/smtpd.conf" || fail "no qmailcodes.example variant: $(cat "$SMTPD_DIR/smtpd.conf")"
smtpd_start
trap smtpd_stop EXIT

MTA_LOG=smtpd_log
before=$(home_files)
# send SENDER FILE RCPT...: mta_send to our smtpd; the message id in $mid.
send() {
  run mta_send "$SMTPD_SMTP_PORT" "$@"
  mid=$(sed -nE 's/^DATA: 250 2\.0\.0 ([0-9a-f]+) Message accepted for delivery$/\1/p' <<<"$err")
}
# delivery_of MID RCPT: smtpd's log lines of the deliveries of MID to RCPT.
delivery_of() {
  grep -E "mda delivery evpid=$1[0-9a-f]{8} from=<[^>]*> to=<[^>]*> rcpt=<$2> " "$SMTPD_DIR/smtpd.log"
}
received_re() { # received_re MID RCPT
  printf '%s' "Received: from client\\.example \\(localhost \\[127\\.0\\.0\\.1\\]\\)
	by mx\\.example \\(OpenSMTPD\\) with ESMTP id $1
	for <$2>;
	[A-Z][a-z]{2}, [ 0-9]?[0-9] [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4} \\([A-Z]+\\)"
}

# 1. alice@remote.example -> joe, then the same from the null sender: each
# stored once, smtpd's Return-Path and Delivered-To gone, vdeliver's
# in their place, then smtpd's Received line and the message.
MSG='From: Alice <alice@remote.example>
To: joe@virtual.example
Date: Thu, 22 Nov 2026 02:48:00 +0000
Message-ID: <test-1@remote.example>
Subject: hello through OpenSMTPD

Hello Joe.
.a line that starts with a dot
From here on, a line that starts with "From ".
Delivered-To: joe@virtual.example (in the body: not a loop)

the end
'
printf '%s' "$MSG" > "$T/msg1"
for s in alice@remote.example ""; do
  send "$s" "$T/msg1" joe@virtual.example
  expect_rc 0 "SMTP to joe from <$s> ($err)"
  expect_out $'MAIL 250\nRCPT joe@virtual.example 250\nDATA 250' "SMTP replies for joe from <$s>"
  [ -n "$mid" ] || fail "no message id in [$err]"
  smtpd_wait_queue_empty
  f=$(only_file "$JOE/new") || exit 1
  head="Return-Path: <$s>"$'\nDelivered-To: joe@virtual.example\n'
  got=$(cat "$f"; echo x)
  [[ $got == "$head"* ]] || fail "joe's copy from <$s> starts [$(head -n 3 "$f")]"
  received=$(printf '%s' "${got#"$head"}" | head -n 4)
  [[ $received =~ ^$(received_re "$mid" joe@virtual\\.example)$ ]] || fail "Received: [$received]"
  expect_eq "$got" "$head$received"$'\n'"${MSG}x" "joe's copy from <$s>"
  expect_eq "$(delivery_of "$mid" joe@virtual.example | grep -c 'result=Ok stat=Delivered$')" 1 "deliveries to joe from <$s>"
  expect_eq "$(files_in "$JOE/tmp")$(files_in "$JOE/cur")" "" "joe's tmp/ and cur/"
  take "${f#"$T/home/"}"
done

# A domain that is not ours: refused at RCPT (smtpd relays nothing).
send alice@remote.example "$T/msg1" someone@elsewhere.example
expect_rc 1 "SMTP to another domain"
expect_out $'MAIL 250\nRCPT someone@elsewhere.example 550\nDATA -' "SMTP replies for another domain"

# 2. An unknown account and a full mailbox (over full's 10 bytes): accepted
# (the table takes the whole domain), refused by vdeliver (67, 73); smtpd
# bounces both to sender@mx.example with vdeliver's message.
bounce_of() { # bounce_of FILE: the bounce's text and headers that matter
  python3 - "$1" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.compat32)
print("Return-Path:", m["Return-Path"])
print("Subject:", m["Subject"])
for part in m.walk():
    if part.get_content_type() == "text/plain":
        print("text:", " / ".join(l.strip() for l in part.get_payload(decode=True).decode().splitlines() if l.strip()))
        break
PY
}
for who in nobody full; do
  sed "s/^From: .*/From: Sender <sender@mx.example>/; s/^To: .*/To: $who@virtual.example/; s/test-1@/test-$who@/" \
    "$T/msg1" > "$T/msg-$who"
  send sender@mx.example "$T/msg-$who" "$who@virtual.example"
  expect_rc 0 "SMTP to $who ($err)"
  expect_out "MAIL 250"$'\n'"RCPT $who@virtual.example 250"$'\n'"DATA 250" "SMTP replies for $who"
  smtpd_wait_queue_empty
  log=$(delivery_of "$mid" "$who@virtual.example")
  case $who in
    nobody) class="user unknown"; msg="vdeliver: fatal: no such user 'nobody'" ;;
    full) class="can't create user output file"
      msg="vdeliver: fatal: mailbox full: the message (NNN bytes) is larger than the message size limit of 'full' (10 bytes)" ;;
  esac
  # msg as a regular expression: NNN any number, . ( ) as themselves.
  msg_re=$(sed 's/[.()]/\\&/g; s/NNN/[0-9]+/' <<<"$msg")
  [[ $log =~ \ result=PermFail\ stat=Error\ \($class:\ \"$msg_re\"\)$ ]] ||
    fail "smtpd's log for $who: [$log], expected it to end with [result=PermFail stat=Error ($class: \"$msg\")]"
  b=$(only_file "$SHOME/Maildir/new") || exit 1
  bounce=$(bounce_of "$b")
  echo "== smtpd's bounce for $who@virtual.example:"; echo "$bounce"
  # smtpd writes no Return-Path for the null sender (mail.maildir adds none).
  expect_eq "$(head -n 1 "$b")" "Delivered-To: sender@mx.example" "the bounce's first line"
  grep -qxF "Subject: Delivery status notification: failed" <<<"$bounce" || fail "the bounce's Subject: $bounce"
  grep -qE "the following list of recipients: / $who@virtual\.example: \"$msg_re\" / Below is a copy of the original message:" <<<"$bounce" ||
    fail "the bounce lacks vdeliver's message: $bounce"
  grep -qF "Message-ID: <test-$who@remote.example>" "$b" || fail "the bounce lacks the message"
  take "${b#"$T/home/"}"
done
expect_eq "$(files_in "$FULL/new")$(files_in "$FULL/tmp")" "" "full's Maildir"

# 3. A temporary failure (later's Maildir tmp/ cannot be written): vdeliver
# exits 75, smtpd keeps the message; once tmp/ is back, smtpctl schedule all
# delivers it exactly once.
chmod 000 "$LATER/tmp"
sed 's/^To: .*/To: later@virtual.example/; s/test-1@/test-later@/' "$T/msg1" > "$T/msg-later"
send alice@remote.example "$T/msg-later" later@virtual.example
expect_rc 0 "SMTP to later ($err)"
later_mid=$mid
smtpd_wait_log "mda delivery evpid=$later_mid[0-9a-f]{8} .* result=TempFail stat=Error \\(temporary failure: \"vdeliver: fatal: temporary failure: unable to create a file in $LATER/tmp: Permission denied\"\\)$"
queue=$(smtpd_queue)
[[ $queue == "$later_mid"*"|later@virtual.example|"* ]] && [ "$(grep -c . <<<"$queue")" = 1 ] ||
  fail "the queue should hold later's message only: [$queue]"
expect_eq "$(files_in "$LATER/new")$(count_in "$SHOME/Maildir/new")" "0" "nothing stored or bounced while deferred"
chmod 700 "$LATER/tmp"
run smtpctl schedule all
expect_rc 0 "smtpctl schedule all"
smtpd_wait_queue_empty
f=$(only_file "$LATER/new") || exit 1
expect_eq "$(head -n 2 "$f")" $'Return-Path: <alice@remote.example>\nDelivered-To: later@virtual.example' "later's copy's head"
grep -qF 'Message-ID: <test-later@remote.example>' "$f" || fail "later's copy"
expect_eq "$(delivery_of "$later_mid" later@virtual.example | grep -c 'result=Ok stat=Delivered$')" 1 "deliveries of later's message"
take "${f#"$T/home/"}"

# 4. What INSTALL warns about, and a real loop: a message that already has
# joe's Delivered-To line is refused (by smtpd itself, before vdeliver runs;
# vdeliver would refuse it too: tests/unit/fmt/mail_header_test.cc).
{ echo 'Delivered-To: joe@virtual.example'; cat "$T/msg1"; } > "$T/msg-loop"
send sender@mx.example "$T/msg-loop" joe@virtual.example
expect_rc 0 "SMTP of a looping message to joe ($err)"
smtpd_wait_queue_empty
log=$(delivery_of "$mid" joe@virtual.example)
[[ $log == *" result=PermFail stat=Loop detected" ]] ||
  fail "a looping message: [$log]"
echo "== a real loop: ${log##* result=}"
f=$(only_file "$SHOME/Maildir/new") || exit 1
grep -qF "Loop detected" "$f" || fail "the bounce of the looping message: $(cat "$f")"
take "${f#"$T/home/"}"
# qmail's exit codes: vdeliver's 111 (temporary) makes smtpd bounce.
chmod 000 "$LATER/tmp"
send alice@remote.example "$T/msg-later" later@qmailcodes.example
expect_rc 0 "SMTP to later@qmailcodes.example ($err)"
smtpd_wait_queue_empty
chmod 700 "$LATER/tmp"
log=$(delivery_of "$mid" later@qmailcodes.example)
[[ $log == *" result=PermFail stat=Error (\"vdeliver: fatal: temporary failure: unable to create a file in $LATER/tmp: Permission denied\")" ]] ||
  fail "vdeliver's 111 under smtpd: [$log]"
echo "== without --sysexits, a temporary failure: ${log##* result=}"
# A ~vmbase/.forward: smtpd reads it (vmbase is a local user) and sends joe's
# mail where it says, not to vdeliver.
echo sender@mx.example > "$BHOME/.forward"
chown "$BASE_UID:$BASE_UID" "$BHOME/.forward"
send alice@remote.example "$T/msg1" joe@virtual.example
expect_rc 0 "SMTP to joe with a .forward ($err)"
smtpd_wait_queue_empty
rm "$BHOME/.forward"
expect_eq "$(files_in "$JOE/new")" "" "joe's new/ with a ~vmbase/.forward"
f=$(only_file "$SHOME/Maildir/new") || exit 1
grep -qF 'Message-ID: <test-1@remote.example>' "$f" || fail "the forwarded copy"
echo "== with a ~vmbase/.forward: $(grep -E -o 'to=<sender@mx.example> rcpt=<joe@virtual.example> .*' "$SMTPD_DIR/smtpd.log")"
take "${f#"$T/home/"}"

# Nothing else was delivered anywhere, the queue is empty.
after=$(home_files)
expect_eq "$(LC_ALL=C comm -13 <(echo "$before") <(echo "$after"))" "" "files delivered besides the checked ones"
expect_eq "$(files_in "$JOE/tmp")$(files_in "$LATER/tmp")$(files_in "$SHOME/Maildir/tmp")" "" "tmp/ directories"
expect_eq "$(smtpd_queue)" "" "the queue"
daemon=$SMTPD_PID
smtpd_stop || fail "smtpd did not stop cleanly on SIGTERM: $(smtpd_log | tail -n 5)"
trap - EXIT
! mta_alive "$daemon" || fail "smtpd ($daemon) still runs"
expect_eq "$(smtpd_ns_pids)" "" "processes left in smtpd's namespace"
exit 0
