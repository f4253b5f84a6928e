#!/usr/bin/env bash
# vautoresponse: status in VMailMgr's spellings, set from a file or stdin,
# show, enable, disable, delete, in the account's autoresponse directory;
# bad input changes nothing.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmauto 2939
fixture_domain
AR=$H/users/greta/autoresponse

vm vautoresponse greta
expect_rc 0 "status"; expect_out "nonexistant"; expect_err ""
mkdir "$AR"; chown "$BUID:$BUID" "$AR"
vm vautoresponse greta status
expect_out "missing message file"

printf 'Subject: away (%%S)\n\nBack Monday.\n' > "$T/msg"
vm vautoresponse GRETA set "$T/msg"
expect_rc 0 "set from a file"; expect_out ""
expect_err "vautoresponse: autoresponse for user 'greta' set and enabled."
expect_eq "$(cat "$AR/message.txt")" "$(cat "$T/msg")" "message.txt"
expect_eq "$(stat -c '%u %a' "$AR/message.txt")" "$BUID 600" "owner and mode"
vm vautoresponse greta
expect_out "enabled"
vm vautoresponse greta show
expect_rc 0 "show"; expect_out "$(cat "$T/msg")"

vm vautoresponse greta disable
expect_rc 0 "disable"; expect_err "vautoresponse: autoresponse for user 'greta' disabled."
expect_eq "$(ls "$AR")" "message.txt.disabled" "files while disabled"
vm vautoresponse greta status
expect_out "disabled"
vm vautoresponse greta disable
expect_err "vautoresponse: autoresponse for user 'greta' was already disabled."
# Set while disabled: replaced, still disabled; from stdin, no Subject: a warning.
run_in $'No header here.\n' as_base "$TOP/vautoresponse" greta set
expect_rc 0 "set from stdin"
expect_err "vautoresponse: warning: the message has no header lines: all of it is the body, and replies are titled 'Auto: <the original subject>'
vautoresponse: autoresponse for user 'greta' set; it stays disabled."
expect_eq "$(cat "$AR/message.txt.disabled")" "No header here." "disabled message"
vm vautoresponse greta show
expect_out "No header here."
vm vautoresponse --quiet greta enable
expect_rc 0 "enable"; expect_err ""
expect_eq "$(ls "$AR")" "message.txt" "files after enable"

# Bad input: nothing changes.
before=$(cat "$AR/message.txt")
run_in "" as_base "$TOP/vautoresponse" greta set -
expect_rc 1 "empty"; expect_err "vautoresponse: fatal: the autoresponse message is empty"
head -c 65537 /dev/zero | tr '\0' x > "$T/big"
vm vautoresponse greta set "$T/big"
expect_rc 1 "too large"; expect_err "vautoresponse: fatal: $T/big is larger than 65536 bytes"
vm vautoresponse greta set "$T/missing"
expect_rc 1 "missing file"; expect_err "vautoresponse: fatal: unable to open $T/missing: No such file or directory"
expect_eq "$(cat "$AR/message.txt")" "$before" "message after refusals"
vm vautoresponse nobody
expect_rc 1 "unknown account"; expect_err "vautoresponse: fatal: account 'nobody' does not exist"
vm vautoresponse greta fly
expect_rc 2 "unknown action"
expect_eq "$(echo "$err" | head -n1)" "vautoresponse: unknown action 'fly'"
vm vautoresponse greta show extra
expect_rc 2 "extra operand"
vm vautoresponse
expect_rc 2 "no account"
vm vautoresponse lena enable
expect_rc 1 "enable without a message"; expect_err "vautoresponse: fatal: user 'lena' has no autoresponse message"
vm vautoresponse lena show
expect_rc 1 "show without a message"

# An account without a directory.
vm vaddalias nodir greta
expect_rc 0 "vaddalias"
vm vautoresponse nodir
expect_rc 1 "no directory"; expect_err "vautoresponse: fatal: account 'nodir' has no directory for an autoresponse"

# delete: the whole directory; a symlink's target survives.
echo "1 a@b" > "$AR/replies"
vm vautoresponse greta delete
expect_rc 0 "delete"; expect_err "vautoresponse: autoresponse for user 'greta' deleted."
[ -e "$AR" ] && fail "autoresponse directory still there"
vm vautoresponse greta delete
expect_rc 0 "delete again"; expect_err "vautoresponse: user 'greta' had no autoresponse."
mkdir "$T/elsewhere"; echo keep > "$T/elsewhere/message.txt"
ln -s "$T/elsewhere" "$AR"
vm vautoresponse greta delete
expect_rc 0 "delete a symlink"
expect_eq "$(cat "$T/elsewhere/message.txt")" "keep" "symlink target"
