# vdeliver under qmail-local: the stored copy, the file name, the account
# rules (catch-all, unknown, expired, no mailbox, loop) and exit codes.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF2'
joe mailbox
old mailbox expiry=1000
nobox
off mailbox disabled
EOF2
MD=$BHOME/users/joe
MSG=$'Subject: hello\nFrom: alice@sender.example\n\nHello Joe.\n'

# A plain delivery: Return-Path and Delivered-To on top, the message as sent.
qmail_deliver joe <<<"$MSG"
expect_rc 0 "delivery"
f=$(only_file "$MD/new")
want=$'Return-Path: <alice@sender.example>\nDelivered-To: vmdbase-joe@virtual.example\n'"$MSG"$'\n'
expect_eq "$(cat "$f"; echo x)" "${want}x" "stored copy"
size=$(stat -c %s "$f")
expect_eq "$size" "$(printf '%s' "$want" | wc -c)" "size"
name=$(basename "$f")
[[ $name =~ ^[0-9]{10}\.M[0-9]{1,6}P[0-9]+Q1R[0-9a-f]{16}\.[^/:]+,S=$size$ ]] || fail "file name $name"
expect_eq "$(stat -c '%u %a' "$f")" "$BASE_UID 600" "owner and mode"
expect_eq "$(files_in "$MD/tmp")" "" "tmp/ after delivery"
expect_out ""
expect_err "vdeliver: delivered to $f"
rm -f "$MD/new/"*

# EXT is lowercased; --quiet prints nothing; -F adds UFLINE first; -d -r none.
qmail_deliver JOE --quiet <<<"$MSG"
expect_rc 0 "JOE"
expect_err ""
f=$(only_file "$MD/new"); rm -f "$f"
qmail_deliver joe -F <<<"$MSG"
expect_rc 0 "-F"
expect_eq "$(head -n 3 "$(only_file "$MD/new")")" $'From alice@sender.example Thu Nov 22 02:48:00 2026\nReturn-Path: <alice@sender.example>\nDelivered-To: vmdbase-joe@virtual.example' "-F lines"
rm -f "$MD/new/"*
qmail_deliver joe -dr <<<"$MSG"
expect_rc 0 "-dr"
expect_eq "$(cat "$(only_file "$MD/new")"; echo x)" "$MSG"$'\nx' "-dr copy"
rm -f "$MD/new/"*

# --recipient names the account, whatever EXT says.
qmail_deliver someone-else --recipient=Joe <<<"$MSG"
expect_rc 0 "--recipient"
only_file "$MD/new" >/dev/null; rm -f "$MD/new/"*

# Unknown account, no catch-all: permanent.
qmail_deliver nobody <<<"$MSG"
expect_rc 100 "unknown user"
expect_err "vdeliver: fatal: no such user 'nobody'"
# With a catch-all (default-username "+") it goes there.
mktable <<<'+ mailbox dir=./users/joe'
qmail_deliver nobody <<<"$MSG"
expect_rc 0 "catch-all"
expect_eq "$(sed -n 2p "$(only_file "$MD/new")")" "Delivered-To: vmdbase-nobody@virtual.example" "catch-all copy"
rm -f "$MD/new/"*
# The catch-all setting is read per domain.
mkdir -p "$BHOME/.vmailmgr"; echo nosuch > "$BHOME/.vmailmgr/default-username"; chmod -R a+rX "$BHOME/.vmailmgr"
qmail_deliver nobody <<<"$MSG"
expect_rc 100 "catch-all switched"
rm -f "$BHOME/.vmailmgr/default-username"

qmail_deliver old <<<"$MSG"
expect_rc 100 "expired"
expect_err "vdeliver: fatal: account 'old' has expired"
qmail_deliver nobox <<<"$MSG"
expect_rc 100 "no mailbox"
expect_err "vdeliver: fatal: account 'nobox' has no mailbox and no forwards"
qmail_deliver off <<<"$MSG"
expect_rc 100 "disabled"
expect_err "vdeliver: fatal: account 'off' has its mailbox disabled and no forwards"
expect_eq "$(files_in "$BHOME/users/off/new")$(files_in "$BHOME/users/off/tmp")" "" "disabled Maildir"

# A message already holding our Delivered-To line loops: nothing is kept.
qmail_deliver joe <<<$'Received: x\nDelivered-To: vmdbase-joe@virtual.example\nSubject: again\n\nbody\n'
expect_rc 100 "loop"
expect_err "vdeliver: fatal: message is looping: it already has the line 'Delivered-To: vmdbase-joe@virtual.example'"
expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "after the loop"
# The same line in the body is no loop.
qmail_deliver joe <<<$'Subject: quoting\n\nDelivered-To: vmdbase-joe@virtual.example\n'
expect_rc 0 "line in body"
rm -f "$MD/new/"*

# A broken setup is temporary (111), never a bounce.
run_env() { as_base env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" "$@"; }
o=$(printf 'x\n' | run_env "$TOP/vdeliver" 2>&1); rc=$?
expect_rc 111 "no mail system environment"
expect_eq "$o" "vdeliver: fatal: temporary failure: no account to deliver to: neither DTLINE (qmail-local) nor RECIPIENT (Postfix local) is set, and no --recipient NAME was given" "message"
o=$(printf 'x\n' | run_env "DTLINE=Delivered-To: a@b" "$TOP/vdeliver" 2>&1); rc=$?
expect_rc 111 "missing SENDER"
expect_eq "$o" "vdeliver: fatal: temporary failure: SENDER is not set: vdeliver must be run by qmail-local (from .qmail-default)" "message"
qmail_deliver joe --no-such-option <<<"$MSG"
expect_rc 111 "bad option"
[[ $err == *"vdeliver: usage: vdeliver [OPTION]..."* ]] || fail "usage line: $err"
qmail_deliver joe extra <<<"$MSG"
expect_rc 111 "operand"
expect_eq "$(files_in "$MD/new")" "" "nothing delivered on usage errors"
# A table that cannot be read is temporary too.
chmod 000 "$BHOME/passwd.cdb"
qmail_deliver joe <<<"$MSG"
expect_rc 111 "unreadable table"
[[ $err == "vdeliver: fatal: temporary failure: unable to open $BHOME/passwd.cdb: Permission denied" ]] || fail "table error: $err"
chmod 600 "$BHOME/passwd.cdb"
# A 0-byte table is one cut short, not an empty domain: mail waits, never
# bounces as "no such user" (qmail 111, Postfix 75).
mv "$BHOME/passwd.cdb" "$BHOME/passwd.good"
: > "$BHOME/passwd.cdb"
qmail_deliver joe <<<"$MSG"
expect_rc 111 "0-byte table"
expect_err "vdeliver: fatal: temporary failure: $BHOME/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header"
postfix_deliver joe <<<"$MSG"
expect_rc 75 "0-byte table under Postfix"
expect_err "4.3.0 vdeliver: fatal: temporary failure: $BHOME/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header"
expect_eq "$(files_in "$MD/new")" "" "nothing delivered from a 0-byte table"
mv "$BHOME/passwd.good" "$BHOME/passwd.cdb"

run "$TOP/vdeliver" --help
expect_rc 0 "--help"
[[ $out == *"--recipient=NAME"* && $out == *"--no-predeliver"* ]] || fail "help text: $out"
