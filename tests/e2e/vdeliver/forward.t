# Forwarding under qmail: one qmail-queue run for all of an account's
# forwards (message on fd 0, envelope on fd 1), sendmail when there is no
# qmail-queue, address completion, and what a failing injector means.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF2'
joe mailbox
sales fwd=joe fwd=pm@ fwd=Boss@Elsewhere.example
both mailbox fwd=archive@store.example
EOF2
MSG=$'Subject: offer\nFrom: alice@sender.example\n\nBuy.\n'
DT=$'Delivered-To: vmdbase-sales@virtual.example\n'

# No <qmail-root>/bin/qmail-queue: the sendmail setting.
qmail_deliver sales <<<"$MSG"
expect_rc 0 "via sendmail"
expect_eq "$(cat "$REC/1.argv")" $'-oi\n-f\nalice@sender.example\n--\njoe@virtual.example\npm@me.example\nBoss@Elsewhere.example' "sendmail arguments"
expect_eq "$(cat "$REC/1.message"; echo x)" "$DT$MSG"$'\nx' "sendmail message"
[ ! -e "$REC/1.envelope" ] || fail "sendmail got an envelope"
rm -f "$REC"/*

# With qmail-queue: it gets the same message and the envelope on fd 1.
cp "$TOOLS/deliver_recorder" "$QROOT/bin/qmail-queue"
qmail_deliver sales <<<"$MSG"
expect_rc 0 "via qmail-queue"
expect_eq "$(cat "$REC/1.argv")" "" "qmail-queue arguments"
expect_eq "$(cat "$REC/1.message"; echo x)" "$DT$MSG"$'\nx' "qmail-queue message"
expect_eq "$(tr '\0' '|' < "$REC/1.envelope")" "Falice@sender.example|Tjoe@virtual.example|Tpm@me.example|TBoss@Elsewhere.example||" "envelope"
expect_err "vdeliver: forwarded to joe@virtual.example pm@me.example Boss@Elsewhere.example"
rm -f "$REC"/*

# A bounce (null sender) keeps its null sender.
SENDER_ADDR= qmail_deliver sales <<<"$MSG"
expect_rc 0 "null sender"
expect_eq "$(head -c 3 "$REC/1.envelope" | tr '\0' '|')" "F|T" "null sender envelope"
rm -f "$REC"/*

# Mailbox and forward: both, from the one copy read from stdin (a pipe).
qmail_deliver both < <(printf '%s' "$MSG")
expect_rc 0 "mailbox and forward"
f=$(only_file "$BHOME/users/both/new")
expect_eq "$(cat "$f"; echo x)" $'Return-Path: <alice@sender.example>\nDelivered-To: vmdbase-both@virtual.example\n'"$MSG"x "stored copy"
expect_eq "$(cat "$REC/1.message"; echo x)" $'Delivered-To: vmdbase-both@virtual.example\n'"$MSG"x "forwarded copy"
rm -f "$REC"/* "$BHOME/users/both/new/"*

# qmail-queue's permanent codes (11-40) bounce, the others make mail wait;
# either way nothing is stored, so a retry cannot duplicate the mailbox copy.
DELIVER_RECORD_EXIT=31 qmail_deliver both <<<"$MSG"
expect_rc 100 "qmail-queue 31"
expect_err "vdeliver: fatal: forwarding refused: $QROOT/bin/qmail-queue exited with status 31"
DELIVER_RECORD_EXIT=53 qmail_deliver both <<<"$MSG"
expect_rc 111 "qmail-queue 53"
expect_err "vdeliver: fatal: temporary failure: unable to forward: $QROOT/bin/qmail-queue exited with status 53"
expect_eq "$(files_in "$BHOME/users/both/new")$(files_in "$BHOME/users/both/tmp")" "" "Maildir after failed forwards"
rm -f "$REC"/*

# sendmail's sysexits: EX_NOUSER bounces, EX_TEMPFAIL waits; a missing
# sendmail is the administrator's to fix: temporary.
rm "$QROOT/bin/qmail-queue"
DELIVER_RECORD_EXIT=67 qmail_deliver sales <<<"$MSG"
expect_rc 100 "sendmail 67"
DELIVER_RECORD_EXIT=75 qmail_deliver sales <<<"$MSG"
expect_rc 111 "sendmail 75"
echo "$T/no/sendmail" > "$VETC/sendmail"
qmail_deliver sales <<<"$MSG"
expect_rc 111 "missing sendmail"
expect_err "vdeliver: fatal: temporary failure: unable to run $T/no/sendmail: No such file or directory"
