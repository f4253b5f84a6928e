#!/usr/bin/env bash
# vpasswds: "name password" lines, one update, bad lines by number.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
account_domain
vm vsetup --quiet || fail "vsetup"
run_in $'old-a\n' vm vadduser --quiet -p Ann -Q 7 ann || fail "vadduser ann"
run_in $'old-b\n' vm vadduser --quiet bob || fail "vadduser bob"
kept=$(show | cut -d' ' -f1,3-)

run_in $'# new passwords\nANN  new pass A \nnobody x\nbob\n\nbad/name x\nbob new-b\nann again\n' vm vpasswds
expect_rc 1 "vpasswds with bad lines"
expect_out ""
expect_err "vpasswds: line 3: account 'nobody' does not exist
vpasswds: line 4: no password given for 'bob'
vpasswds: line 6: invalid account name 'bad/name': it contains '/'
vpasswds: line 8: account 'ann' is given twice
vpasswds: password for user 'ann' successfully changed.
vpasswds: password for user 'bob' successfully changed."
verify ann 'new pass A' || fail "ann's password"
verify bob 'new-b' || fail "bob's password"
expect_eq "$(show | cut -d' ' -f1,3-)" "$kept" "other fields"

run_in $'bob newer\n' vm vpasswds --quiet
expect_rc 0 "vpasswds --quiet"
expect_err ""
verify bob newer || fail "bob's newer password"
before=$(state)
run_in $'nobody x\n' vm vpasswds
expect_rc 1 "vpasswds with only a bad line"
expect_err "vpasswds: line 1: account 'nobody' does not exist"
expect_state "$before" "vpasswds with only a bad line"
run_in $'bob x\n' vm vpasswds bob
expect_rc 2 "vpasswds with an operand"
expect_state "$before" "vpasswds with an operand"
chmod 000 "$BHOME/passwd.cdb"
run_in $'bob x\n' vm vpasswds
chmod 600 "$BHOME/passwd.cdb"
expect_rc 1 "vpasswds with an unreadable table"
expect_err "vpasswds: fatal: unable to open $BHOME/passwd.cdb: Permission denied"
expect_state "$before" "vpasswds with an unreadable table"

# --hashed: the rest of the line is a ready hash, stored as given.
md5='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'  # VMailMgr 0.97's, for Kestrel.Moss-42
run_in "bob $md5
ann new hash
" vm vpasswds --hashed
expect_rc 1 "vpasswds --hashed"
expect_err "vpasswds: line 2: invalid password hash (it must be printable ASCII without blanks)
vpasswds: password for user 'bob' successfully changed."
expect_eq "$(show | grep '^bob ' | cut -d' ' -f2)" "pw=$md5" "bob's stored hash"
verify bob Kestrel.Moss-42 || fail "bob's moved password"
verify ann 'new pass A' || fail "ann's password after a bad --hashed line"

# SPEC 4: a password of more than 256 bytes or with a control byte is a bad line.
run_in "ann $(printf 'p%.0s' {1..600})"$'\nbob b\x7fad\nbob fine-b\n' vm vpasswds
expect_rc 1 "vpasswds with a long password"
expect_err "vpasswds: line 1: the password is longer than 256 bytes
vpasswds: line 2: the password contains a control character
vpasswds: password for user 'bob' successfully changed."
verify bob fine-b || fail "bob's password after the long one"
verify ann 'new pass A' || fail "ann's password is unchanged"
exit 0
