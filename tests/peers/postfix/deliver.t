# vdeliver behind a real Postfix 3.7 (tests/postfix.sh), set up as INSTALL's
# "Postfix" section says: virtual_alias_maps sends joe@virtual.example to
# vmbase+joe, local(8) runs ~vmbase/.forward ("|vdeliver") as vmbase. Mail
# comes in over SMTP on 127.0.0.1; joe's copy is compared byte for byte;
# mail for an unknown account and for a full mailbox is refused by vdeliver
# and the bounce's DSN carries vdeliver's enhanced status code (5.1.1,
# 5.2.2); a temporary failure is deferred (4.3.0) and delivered once later;
# senders that local(8) filters in $SENDER (o'brien@, UTF-8) are stored with
# their real Return-Path; nothing else is delivered, the queue ends empty and
# Postfix is stopped.
source "$TOP/tests/lib.sh"
source "$TOP/tests/mta.sh"  # and tests/postfix.sh
postfix_need

# No qmail here: forwards would go to Postfix's sendmail (the private
# instance's).
mta_sandbox 2970
mta_accounts joe full:10 later  # full takes nothing over 10 bytes
JOE=$BHOME/users/joe
[ -d "$JOE/new" ] || fail "vadduser made no Maildir at $JOE"
LATER=$BHOME/users/later
mta_forward_vdeliver

postfix_config "$T/postfix"
postfix_map "joe@virtual.example $BASE+joe" "nobody@virtual.example $BASE+nobody" \
  "full@virtual.example $BASE+full" "later@virtual.example $BASE+later"
postfix_start
trap postfix_stop EXIT

MTA_LOG=postfix_log
before=$(home_files)

# send SENDER FILE RCPT...: postfix_send, the queue id of a queued message
# in $qid.
send() {
  run postfix_send "$@"
  qid=$(sed -nE 's/^DATA: 250 .* queued as ([0-9A-Za-z]+)$/\1/p' <<<"$err")
}

# The Received line smtpd adds (one recipient: "for <RCPT>").
received_re() { # received_re QID RCPT PROTOCOL
  printf '%s' "Received: from client\.example \(unknown \[127\.0\.0\.1\]\)
	by mx\.example \(Postfix\) with $3 id $1
	for <$2>; [A-Z][a-z]{2}, [ 0-9][0-9] [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4} \([A-Za-z+0-9-]+\)"
}

# 1. alice@remote.example -> joe: stored once. The message carries From,
# To, Date and Message-ID, so cleanup adds nothing; smtpd adds Received.
MSG='From: Alice <alice@remote.example>
To: joe@virtual.example
Date: Thu, 22 Nov 2026 02:48:00 +0000
Message-ID: <test-1@remote.example>
Subject: hello through Postfix

Hello Joe.
.a line that starts with a dot
From here on, a line that starts with "From ".

the end
'
printf '%s' "$MSG" > "$T/msg1"
send alice@remote.example "$T/msg1" joe@virtual.example
expect_rc 0 "SMTP to joe ($err)"
expect_out $'MAIL 250\nRCPT joe@virtual.example 250\nDATA 250' "SMTP replies for joe"
[ -n "$qid" ] || fail "no queue id in [$err]"
postfix_wait_queue_empty
f=$(only_file "$JOE/new") || exit 1
head=$'Return-Path: <alice@remote.example>\nDelivered-To: vmbase+joe@mx.example\nX-Original-To: joe@virtual.example\n'
got=$(cat "$f"; echo x)
[[ $got == "$head"* ]] || fail "joe's copy starts [$(head -n 4 "$f")]"
rest=${got#"$head"}
received=$(printf '%s' "$rest" | head -n 3)
[[ $received =~ ^$(received_re "$qid" joe@virtual.example ESMTP)$ ]] || fail "Received: [$received]"
expect_eq "$got" "$head$received"$'\n'"${MSG}x" "joe's copy (log: $(postfix_log | grep "$qid"))"
expect_eq "$(files_in "$JOE/tmp")$(files_in "$JOE/cur")" "" "joe's tmp/ and cur/"
take "${f#"$T/home/"}"

# An address of the virtual domain that the map lacks: 550 at RCPT time.
send alice@remote.example "$T/msg1" stranger@virtual.example
expect_rc 1 "SMTP to an unmapped address"
expect_out $'MAIL 250\nRCPT stranger@virtual.example 550\nDATA -' "SMTP replies for stranger"

# 2. nobody@virtual.example reaches vdeliver (the map has it), which refuses
# it: the bounce goes to sender@mx.example, its DSN names the recipient.
sed 's/^From: .*/From: Sender <sender@mx.example>/; s/^To: .*/To: nobody@virtual.example/; s/test-1@/test-2@/' \
  "$T/msg1" > "$T/msg2"
send sender@mx.example "$T/msg2" nobody@virtual.example
expect_rc 0 "SMTP to nobody ($err)"
expect_out $'MAIL 250\nRCPT nobody@virtual.example 250\nDATA 250' "SMTP replies for nobody"
postfix_wait_queue_empty
postfix_log | grep -F "$qid: to=<" | grep -q "status=bounced" ||
  fail "nobody's message was not bounced: $(postfix_log | grep -F "$qid")"
b=$(only_file "$SHOME/Maildir/new") || exit 1
run python3 - "$b" "$qid" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.compat32)
print("Return-Path:", m["Return-Path"])
print("Content-Type:", m.get_content_type(), m.get_param("report-type"))
for part in m.walk():
    if part.get_content_type() == "message/delivery-status":
        for block in part.get_payload():
            for k, v in block.items():
                print("%s: %s" % (k, " ".join(v.split())))
    if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
        print("returned part:", part.get_content_type())
PY
expect_rc 0 "parsing the bounce"
echo "== the DSN of the bounce for nobody@virtual.example:"
echo "$out"
dsn=$out
grep -qx 'Return-Path: <>' <<<"$dsn" || fail "the bounce's Return-Path: $dsn"
grep -qx 'Content-Type: multipart/report delivery-status' <<<"$dsn" || fail "not a DSN: $dsn"
grep -qx 'Final-Recipient: rfc822; vmbase+nobody@mx.example' <<<"$dsn" || fail "Final-Recipient: $dsn"
grep -qx 'Original-Recipient: rfc822;nobody@virtual.example' <<<"$dsn" || fail "Original-Recipient: $dsn"
grep -qx 'Action: failed' <<<"$dsn" || fail "Action: $dsn"
# vdeliver's diagnostic starts with the enhanced status code; local(8) puts
# it in the DSN, and the text after it as the diagnostic.
grep -qx 'Status: 5.1.1' <<<"$dsn" || fail "Status: $dsn"
grep -qx "Diagnostic-Code: x-unix; vdeliver: fatal: no such user 'nobody'" <<<"$dsn" || fail "Diagnostic-Code: $dsn"
grep -qx 'returned part: message/rfc822' <<<"$dsn" || fail "the message is not returned: $dsn"
grep -qF "Message-ID: <test-2@remote.example>" "$b" || fail "the bounce lacks the message"
take "${b#"$T/home/"}"
expect_eq "$(files_in "$JOE/new")" "" "joe's new/ after the bounce"

# dsn_of FILE: the bounce's DSN fields and whether the message came back.
dsn_of() {
  python3 - "$1" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.compat32)
for part in m.walk():
    if part.get_content_type() == "message/delivery-status":
        for block in part.get_payload():
            for k, v in block.items():
                if k in ("Action", "Status", "Diagnostic-Code"):
                    print("%s: %s" % (k, " ".join(v.split())))
PY
}

# 2b. A full mailbox (the message is over full's 10-byte size limit): the
# bounce says 5.2.2, not "5.2.0 can't create user output file".
sed 's/^To: .*/To: full@virtual.example/; s/test-2@/test-full@/' "$T/msg2" > "$T/msg-full"
send sender@mx.example "$T/msg-full" full@virtual.example
expect_rc 0 "SMTP to full ($err)"
postfix_wait_queue_empty
b=$(only_file "$SHOME/Maildir/new") || exit 1
dsn=$(dsn_of "$b")
echo "== the DSN of the bounce for full@virtual.example:"; echo "$dsn"
grep -qx 'Action: failed' <<<"$dsn" || fail "Action (full): $dsn"
grep -qx 'Status: 5.2.2' <<<"$dsn" || fail "Status (full): $dsn"
grep -qE "^Diagnostic-Code: x-unix; vdeliver: fatal: mailbox full: the message \([0-9]+ bytes\) is larger than the message size limit of 'full' \(10 bytes\)$" <<<"$dsn" ||
  fail "Diagnostic-Code (full): $dsn"
take "${b#"$T/home/"}"
expect_eq "$(files_in "$BHOME/users/full/new")$(files_in "$BHOME/users/full/tmp")" "" "full's Maildir"

# 2c. A temporary failure (later's Maildir cannot be written): Postfix
# defers with vdeliver's 4.3.0, nothing is stored or bounced; once the
# Maildir is back, a queue flush delivers the message exactly once.
chmod 000 "$LATER/tmp"
sed 's/^To: .*/To: later@virtual.example/; s/test-1@/test-later@/' "$T/msg1" > "$T/msg-later"
send alice@remote.example "$T/msg-later" later@virtual.example
expect_rc 0 "SMTP to later ($err)"
later_qid=$qid
deferred=
for i in $(seq 300); do
  postfix_log | grep -F "$later_qid: to=<" | grep -q 'status=deferred' && { deferred=1; break; }
  sleep 0.1
done
[ -n "$deferred" ] || fail "later's message was not deferred: $(postfix_log | grep -F "$later_qid")"
postfix_log | grep -F "$later_qid: to=<" | grep -q 'dsn=4\.3\.0, status=deferred' ||
  fail "deferred without vdeliver's 4.3.0: $(postfix_log | grep -F "$later_qid")"
expect_eq "$(files_in "$LATER/new")$(count_in "$SHOME/Maildir/new")" "0" "nothing stored or bounced while deferred"
chmod 700 "$LATER/tmp"
run postfix_exec postqueue -f
expect_rc 0 "postqueue -f"
postfix_wait_queue_empty
f=$(only_file "$LATER/new") || exit 1
grep -qF 'Message-ID: <test-later@remote.example>' "$f" || fail "later's copy"
expect_eq "$(postfix_log | grep -F "$later_qid: to=<" | grep -c 'status=sent')" 1 "later delivered once"
take "${f#"$T/home/"}"

# 3. Senders local(8) filters in $SENDER: o'brien@ and a UTF-8 address.
odd=("o'brien@remote.example" $'j\xc3\xb6rg@remote.example')
proto=(ESMTP UTF8SMTP)
for i in 0 1; do
  s=${odd[i]}
  sed "s/^From: .*/From: <$s>/; s/test-1@/test-odd-$i@/" "$T/msg1" > "$T/msg-odd"
  send "$s" "$T/msg-odd" joe@virtual.example
  expect_rc 0 "SMTP from $s ($err)"
  expect_out $'MAIL 250\nRCPT joe@virtual.example 250\nDATA 250' "SMTP replies for $s"
  postfix_wait_queue_empty
  echo "== sender $s: local(8) says: $(postfix_log | grep -F "$qid: to=<vmbase+joe@mx.example>" | sed -E 's/.*status=//')"
  n=$(count_in "$JOE/new")
  echo "== sender $s: $n cop(ies) in joe's new/"
  for g in $(files_in "$JOE/new"); do
    echo "   $(head -n 1 "$JOE/new/$g")"
  done
  f=$(only_file "$JOE/new") || exit 1
  head="Return-Path: <$s>"$'\nDelivered-To: vmbase+joe@mx.example\nX-Original-To: joe@virtual.example\n'
  got=$(cat "$f"; echo x)
  received=$(printf '%s' "${got#"$head"}" | head -n 3)
  [[ $received =~ ^$(received_re "$qid" joe@virtual.example "${proto[i]}")$ ]] || fail "Received ($s): [$received]"
  expect_eq "$got" "$head$received"$'\n'"$(cat "$T/msg-odd"; echo x)" "joe's copy from $s"
  for g in $(files_in "$JOE/new"); do take "${JOE#"$T/home/"}/new/$g"; done
done

# Nothing else was delivered anywhere (in the homes, with sender's Maildir
# made by the bounce's delivery), and nothing is left in the queue.
after=$(home_files)
new=$(LC_ALL=C comm -13 <(echo "$before") <(echo "$after"))
expect_eq "$new" "" "files delivered besides the checked ones"
expect_eq "$(files_in "$JOE/tmp")$(files_in "$SHOME/Maildir/tmp")" "" "tmp/ directories"
expect_eq "$(postfix_queue_files)" "" "the queue"
expect_eq "$(cd "$POSTFIX_DIR/spool" && find corrupt saved bounce defer trace -type f)" "" \
  "corrupt or saved messages, delivery logs left in the spool"
run postfix_exec postqueue -p
expect_eq "$out" "Mail queue is empty" "postqueue -p"
postfix_log | grep -E 'postfix/[a-z-]+\[[0-9]+\]: (warning|fatal|panic):' >&2
master=$POSTFIX_PID
postfix_stop || fail "Postfix did not stop cleanly on SIGTERM"
trap - EXIT
! postfix_alive "$master" || fail "the master ($master) still runs"
left=$(POSTFIX_NS=$POSTFIX_LAST_NS postfix_ns_pids)
[ -z "$left" ] || fail "Postfix processes are left: $left"
exit 0
