# vdeliver under Postfix local(8), run from ~vmdbase/.forward for mail that
# virtual_alias_maps sent to vmdbase+NAME: the environment and the lines
# local(8) puts in front of the message, and the sysexits exit codes.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF2'
joe mailbox
full mailbox size=10
old mailbox expiry=1000
sales fwd=joe fwd=boss@elsewhere.example fwd=pm@
EOF2
MD=$BHOME/users/joe
MSG=$'Subject: hello\nFrom: alice@sender.example\n\nHello Joe.\n'

# local(8)'s From line goes, its Return-Path and Delivered-To are replaced
# by vdeliver's (the same text), X-Original-To stays.
{ postfix_block joe; printf '%s' "$MSG"; } > "$T/in"
postfix_deliver joe < "$T/in"
expect_rc 0 "delivery"
f=$(only_file "$MD/new")
want=$'Return-Path: <alice@sender.example>\nDelivered-To: vmdbase+joe@mx.example\nX-Original-To: joe@virtual.example\n'"$MSG"
expect_eq "$(cat "$f"; echo x)" "${want}x" "stored copy"
[[ $(basename "$f") == *",S=$(printf '%s' "$want" | wc -c)" ]] || fail "size in $(basename "$f")"
expect_eq "$(files_in "$MD/tmp")" "" "tmp/"
rm -f "$MD/new/"*

# Upper case in the extension, -F builds the From line from SENDER.
postfix_deliver JOE -F < "$T/in"
expect_rc 0 "JOE -F"
first=$(head -n 1 "$(only_file "$MD/new")")
[[ $first =~ ^From\ alice@sender\.example\ [A-Z][a-z]{2}\ [A-Z][a-z]{2}\ [\ 0-9][0-9]\ [0-9:]{8}\ [0-9]{4}$ ]] || fail "From line: $first"
rm -f "$MD/new/"*

# Exit codes: 67 unknown user, 69 other refusals, 73 full, 75 temporary;
# the diagnostic starts with the enhanced status code local(8) puts in its DSN.
postfix_deliver nobody < "$T/in"
expect_rc 67 "unknown user"
expect_err "5.1.1 vdeliver: fatal: no such user 'nobody'"
postfix_deliver "" < "$T/in"
expect_rc 67 "no extension, no catch-all"
postfix_deliver old < "$T/in"
expect_rc 69 "expired"
expect_err "5.2.1 vdeliver: fatal: account 'old' has expired"
postfix_deliver full < "$T/in"
expect_rc 73 "message size limit"
[[ $err == "5.2.2 vdeliver: fatal: mailbox full: the message ("*" bytes) is larger than the message size limit of 'full' (10 bytes)" ]] || fail "full: $err"
expect_eq "$(files_in "$BHOME/users/full/tmp")$(files_in "$BHOME/users/full/new")" "" "full Maildir"

# A real loop: a second copy of the Delivered-To line after local(8)'s.
{ postfix_block joe; printf 'Delivered-To: vmdbase+joe@mx.example\n%s' "$MSG"; } > "$T/loop"
postfix_deliver joe < "$T/loop"
expect_rc 69 "loop"
expect_err "5.4.6 vdeliver: fatal: message is looping: it already has the line 'Delivered-To: vmdbase+joe@mx.example'"
expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "after the loop"

# Temporary failures: 75.
o=$(as_base env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" RECIPIENT=vmdbase+joe@mx.example \
  "$TOP/vdeliver" < "$T/in" 2>&1); rc=$?
expect_rc 75 "missing SENDER"
expect_eq "$o" "4.3.0 vdeliver: fatal: temporary failure: SENDER is not set: vdeliver must be run by Postfix local(8) (from ~/.forward)" "message"
postfix_deliver joe --bogus < "$T/in"
expect_rc 75 "usage error"
expect_err $'4.3.5 vdeliver: unknown option \'--bogus\'\nvdeliver: usage: vdeliver [OPTION]...'

# Forwards are completed with the virtual domain (ORIGINAL_RECIPIENT's),
# "name@" with control/me; the copy carries vdeliver's Delivered-To line.
{ postfix_block sales; printf '%s' "$MSG"; } > "$T/in-sales"
postfix_deliver sales < "$T/in-sales"
expect_rc 0 "alias"
expect_eq "$(cat "$REC/1.argv")" $'-oi\n-f\nalice@sender.example\n--\njoe@virtual.example\nboss@elsewhere.example\npm@me.example' "sendmail arguments"
expect_eq "$(cat "$REC/1.message"; echo x)" $'Delivered-To: vmdbase+sales@mx.example\nX-Original-To: sales@virtual.example\n'"$MSG"x "forwarded copy"
expect_eq "$(ls "$REC")" $'1.argv\n1.message' "one sendmail run"
expect_err "vdeliver: forwarded to joe@virtual.example boss@elsewhere.example pm@me.example"

# local(8) passes $SENDER through command_expansion_filter (' and 8-bit bytes
# become _) while its Return-Path line keeps the address as it is: vdeliver
# takes the sender from that line, for the stored copy and for forwards.
rm -rf "$REC"/*
senders=("o'brien@sender.example" $'j\xc3\xb6rg@sender.example')
filtered=(o_brien@sender.example j__rg@sender.example)
for i in 0 1; do
  SENDER_ADDR=${senders[i]}
  { postfix_block joe; printf '%s' "$MSG"; } > "$T/in-odd"
  PF_SENDER_ENV=${filtered[i]} postfix_deliver joe < "$T/in-odd"
  expect_rc 0 "sender $SENDER_ADDR"
  f=$(only_file "$MD/new")
  want="Return-Path: <$SENDER_ADDR>"$'\nDelivered-To: vmdbase+joe@mx.example\nX-Original-To: joe@virtual.example\n'"$MSG"
  expect_eq "$(cat "$f"; echo x)" "${want}x" "stored copy from $SENDER_ADDR"
  rm -f "$MD/new/"*
done
SENDER_ADDR="o'brien@sender.example"
{ postfix_block sales; printf '%s' "$MSG"; } > "$T/in-odd"
PF_SENDER_ENV=o_brien@sender.example postfix_deliver sales < "$T/in-odd"
expect_rc 0 "alias, sender with an apostrophe"
expect_eq "$(cat "$REC/1.argv")" $'-oi\n-f\no\'brien@sender.example\n--\njoe@virtual.example\nboss@elsewhere.example\npm@me.example' "sendmail -f"
