# vdeliver-predeliver (99 stops with success, another status is passed on)
# and vdeliver-postdeliver (a failure is reported, the delivery stands), in
# the global then the per-domain settings directory.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<<'joe mailbox'
MD=$BHOME/users/joe
MSG=$'Subject: hooked\n\nbody\n'
mkdir -p "$BHOME/.vmailmgr"
LOG=$T/hook.log
touch "$LOG"; chmod 666 "$LOG"
hook() {  # hook DIR NAME STATUS: a hook that logs its name, EXT and status
  printf '#!/bin/sh\necho "%s $EXT %s" >> %s\nexit %s\n' "$1/$2" "$3" "$LOG" "$3" > "$1/$2"
  chmod 755 "$1/$2"
}
chmod 755 "$BHOME/.vmailmgr"

# 99: delivered as far as qmail is concerned, nothing stored, rest of .qmail skipped.
hook "$VETC" vdeliver-predeliver 0
hook "$BHOME/.vmailmgr" vdeliver-predeliver 99
qmail_deliver joe <<<"$MSG"
expect_rc 99 "predeliver 99"
expect_eq "$(cat "$LOG")" "$VETC/vdeliver-predeliver joe 0
$BHOME/.vmailmgr/vdeliver-predeliver joe 99" "hook order"
expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "stopped: nothing stored"
postfix_deliver joe <<<"$MSG"
expect_rc 0 "predeliver 99 under Postfix"
expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "stopped under Postfix"

# Another status is vdeliver's exit status; the per-domain hook does not run
# after a failing global one.
: > "$LOG"
hook "$VETC" vdeliver-predeliver 100
qmail_deliver joe <<<"$MSG"
expect_rc 100 "predeliver 100"
expect_err "vdeliver: vdeliver-predeliver exited with status 100; message not delivered"
expect_eq "$(cat "$LOG")" "$VETC/vdeliver-predeliver joe 100" "chain stops"
hook "$VETC" vdeliver-predeliver 111
qmail_deliver joe <<<"$MSG"
expect_rc 111 "predeliver 111"
expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "nothing stored"

# --no-predeliver skips them.
: > "$LOG"
qmail_deliver joe --no-predeliver --quiet <<<"$MSG"
expect_rc 0 "--no-predeliver"
expect_eq "$(cat "$LOG")" "" "no hook ran"
rm -f "$MD/new/"* "$VETC/vdeliver-predeliver" "$BHOME/.vmailmgr/vdeliver-predeliver"

# A failing postdeliver hook: reported, the mail is delivered once, exit 0.
hook "$BHOME/.vmailmgr" vdeliver-postdeliver 5
qmail_deliver joe <<<"$MSG"
expect_rc 0 "postdeliver failure"
f=$(only_file "$MD/new")
expect_err "vdeliver: delivered to $f
vdeliver: warning: vdeliver-postdeliver exited with status 5; the message was delivered"
rm -f "$MD/new/"*
: > "$LOG"
qmail_deliver joe --no-postdeliver <<<"$MSG"
expect_rc 0 "--no-postdeliver"
expect_eq "$(cat "$LOG")" "" "postdeliver skipped"
rm -f "$MD/new/"*
# One that cannot run at all is reported the same way.
rm "$BHOME/.vmailmgr/vdeliver-postdeliver"; mkdir "$BHOME/.vmailmgr/vdeliver-postdeliver"
qmail_deliver joe <<<"$MSG"
expect_rc 0 "postdeliver not runnable"
[[ $err == *"vdeliver: warning: vdeliver-postdeliver: $BHOME/.vmailmgr/vdeliver-postdeliver: hook is not a regular file; the message was delivered" ]] || fail "warning: $err"
only_file "$MD/new" >/dev/null
