#!/usr/bin/env bash
# vpasswd: one line from a pipe, or two prompts without echo on a terminal;
# every other field is kept; bad input changes nothing.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need python3
account_domain
vm vsetup --quiet || fail "vsetup"
run vm vadduser --quiet --password='$1$MEImtMth$l3PI0UVGSfAzGMLWruMUW1' -p 'Ivar' -Q 0 -c 5 -e 100 -f x@y ivar.holm
expect_rc 0 "vadduser ivar.holm"
fields() { show | grep '^ivar.holm ' | cut -d' ' -f3-; }
kept=$(fields)

run_in $'Toucan Fern/77  \r\n' vm vpasswd IVAR.HOLM
expect_rc 0 "vpasswd from a pipe"
expect_out ""
expect_err "vpasswd: password for user 'ivar.holm' successfully changed."
verify ivar.holm 'Toucan Fern/77' || fail "the new password does not verify"
expect_eq "$(fields)" "$kept" "other fields"
expect_eq "$(show | grep '^ivar.holm ' | cut -d' ' -f2)" "pw=YESCRYPT" "new hash method"

on_terminal 'Heron_Slate9' 'Heron_Slate9' -- as_base "$BIN/vpasswd" ivar.holm
expect_eq "$rc" 0 "vpasswd on a terminal"
expect_eq "$screen" "New password for 'ivar.holm': 
Retype new password for 'ivar.holm': 
vpasswd: password for user 'ivar.holm' successfully changed." "terminal"
verify ivar.holm 'Heron_Slate9' || fail "the terminal password does not verify"
expect_eq "$(fields)" "$kept" "other fields after the terminal"

before=$(state)
on_terminal 'one' 'two' -- as_base "$BIN/vpasswd" ivar.holm
expect_eq "$rc" 1 "vpasswd mismatch"
expect_eq "$screen" "New password for 'ivar.holm': 
Retype new password for 'ivar.holm': 
vpasswd: fatal: the passwords do not match" "terminal after a mismatch"
expect_state "$before" "a mismatch"

fails() {
  local code=$1 want=$2 input=$3; shift 3
  run_in "$input" vm vpasswd "$@"
  expect_rc "$code" "vpasswd $*"
  expect_err "$want" "stderr of vpasswd $*"
  expect_state "$before" "vpasswd $*"
}
usage="vpasswd: usage: vpasswd [OPTION]... NAME"
fails 1 "vpasswd: fatal: account 'nobody' does not exist" $'pw\n' nobody
fails 1 "vpasswd: fatal: invalid account name 'a b': it contains a space" $'pw\n' 'a b'
fails 1 "vpasswd: fatal: no password given" '' ivar.holm
fails 1 "vpasswd: fatal: no password given" $'\n' ivar.holm
fails 1 "vpasswd: fatal: the password is longer than 256 bytes" "$(printf 'p%.0s' {1..512})" ivar.holm
fails 1 "vpasswd: fatal: the password contains a control character" $'pw\x01\n' ivar.holm
fails 2 "vpasswd: missing account name
$usage" $'pw\n'
fails 2 "vpasswd: unexpected operand 'b'
$usage" $'pw\n' a b
chmod 000 "$BHOME/passwd.cdb"
run_in $'pw\n' vm vpasswd ivar.holm
chmod 600 "$BHOME/passwd.cdb"
expect_rc 1 "vpasswd with an unreadable table"
expect_err "vpasswd: fatal: unable to open $BHOME/passwd.cdb: Permission denied"
expect_state "$before" "vpasswd with an unreadable table"
exit 0
