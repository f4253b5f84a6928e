#!/usr/bin/env bash
# vaddusers: good lines added in one update, bad lines reported by number.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
vm vsetup --quiet || fail "vsetup"
run_in $'pw\n' vm vadduser --quiet greta || fail "vadduser greta"
base_dir "$BHOME/users/stale"

input='# staff of the sales office
Ann pw-ann anne
bad/name pw
greta pw

bob
ann again
carl pw-carl greta
stale pw
  dora   pw-dora   
'
run_in "$input" vm vaddusers
expect_rc 1 "vaddusers with bad lines"
expect_out ""
expect_err "vaddusers: line 3: invalid account name 'bad/name': it contains '/'
vaddusers: line 4: account 'greta' already exists
vaddusers: line 6: no password given for 'bob'
vaddusers: line 7: account 'ann' is given twice
vaddusers: line 8: account 'greta' already exists
vaddusers: line 9: directory $BHOME/users/stale already exists
vaddusers: user 'ann' successfully added
vaddusers: alias 'anne' successfully added, forwarding to ann
vaddusers: user 'dora' successfully added"
verify ann pw-ann || fail "ann's password"
verify dora pw-dora || fail "dora's password"
expect_eq "$(show | sed -n '5,$p')" "ann pw=YESCRYPT dir=./users/ann fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1
anne pw=* dir= fw=ann personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1
dora pw=YESCRYPT dir=./users/dora fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1"
expect_eq "$(cd "$BHOME/users" && ls | tr '\n' ' ')" "ann dora greta stale " "account directories"
[ -d "$BHOME/users/dora/new" ] || fail "dora has no Maildir"

# All good: exit 0; --quiet; an empty input changes nothing.
run_in $'eve pw-eve\nfay pw-fay\n' vm vaddusers --quiet
expect_rc 0 "vaddusers --quiet"
expect_err ""
expect_eq "$(show | cut -d' ' -f1 | tail -n2 | tr '\n' ' ')" "eve fay " "last accounts"
before=$(state)
run_in $'\n# nothing\n' vm vaddusers
expect_rc 0 "vaddusers with nothing"
expect_err ""
expect_state "$before" "vaddusers with nothing"
run_in $'x1 pw\nx1 pw\nfay pw\n' vm vaddusers
expect_rc 1 "vaddusers with one good line"
run_in $'zed pw\n' vm vaddusers extra
expect_rc 2 "vaddusers extra"
expect_err "vaddusers: unexpected operand 'extra'
vaddusers: usage: vaddusers [OPTION]..."
expect_eq "$(show | cut -d' ' -f1 | tail -n1)" "x1" "after the usage error"

# SPEC 4: a password of more than 256 bytes or with a control byte is a bad
# line, skipped alone; the rest of the batch goes in (exit 1).
long=$(printf 'p%.0s' {1..600})
run_in "gus $long"$'\nhal pw-hal\nivy pa\x1bss\njan pw-jan\n' vm vaddusers
expect_rc 1 "vaddusers with a long password"
expect_err "vaddusers: line 1: the password is longer than 256 bytes
vaddusers: line 3: the password contains a control character
vaddusers: user 'hal' successfully added
vaddusers: user 'jan' successfully added"
expect_eq "$(show | cut -d' ' -f1 | tail -n2 | tr '\n' ' ')" "hal jan " "after the long password"
[ ! -e "$BHOME/users/gus" ] && [ ! -e "$BHOME/users/ivy" ] || fail "directories of skipped lines"
exit 0
