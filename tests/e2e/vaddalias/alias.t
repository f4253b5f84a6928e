#!/usr/bin/env bash
# vaddalias in both argument orders; bad input changes nothing.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
vm vsetup --quiet || fail "vsetup"
run_in $'pw\n' vm vadduser --quiet greta || fail "vadduser greta"
run_in $'pw\n' vm vadduser --quiet me || fail "vadduser me"

# VMailMgr 0.97: ALIAS DEST...
run vm vaddalias Sales greta orders@partner.example
expect_rc 0 "vaddalias sales"
expect_out ""
expect_err "vaddalias: alias 'sales' successfully added, forwarding to greta, orders@partner.example"
expect_eq "$(dump | grep -a '^+5,[0-9]*:sales')" '+5,61:sales->\x02\x0a\x00\x08\x01\x00*\x00\x00greta\x00orders@partner.example\x00\x00\x00-\x00-\x00-\x00-\x00NOW\x00-\x00' "sales through cdb -d"
[ ! -e "$BHOME/users/sales" ] || fail "an alias got a directory"

# The HOWTO: vaddalias USER ALIAS ("vaddalias me myself", "vaddalias me +").
run vm vaddalias me myself
expect_rc 0 "vaddalias me myself"
expect_err "vaddalias: alias 'myself' successfully added, forwarding to me"
run vm vaddalias --quiet ME +
expect_rc 0 "vaddalias me +"
expect_err ""
expect_eq "$(show | grep -E '^(myself|\+) ')" "myself pw=* dir= fw=me personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1
+ pw=* dir= fw=me personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1"
# Two existing accounts: the first is the alias to make, and it exists.
before=$(state)
run vm vaddalias me greta
expect_rc 1 "vaddalias me greta"
expect_err "vaddalias: fatal: account 'me' already exists"
expect_state "$before" "vaddalias me greta"

fails() {
  local code=$1 want=$2; shift 2
  run vm vaddalias "$@"
  expect_rc "$code" "vaddalias $*"
  expect_err "$want" "stderr of vaddalias $*"
  expect_state "$before" "vaddalias $*"
}
usage="vaddalias: usage: vaddalias [OPTION]... ALIAS DEST..."
fails 1 "vaddalias: fatal: invalid forward 'nobody': it is neither an address (local@domain) nor an account of this domain" x nobody
fails 1 "vaddalias: fatal: invalid forward 'a b@c': it contains whitespace or a control character" x 'a b@c'
fails 1 "vaddalias: fatal: invalid forward '@c': the part before '@' is empty" x '@c'
fails 1 "vaddalias: fatal: invalid account name 'x/y': it contains '/'" x/y greta
fails 1 "vaddalias: fatal: account 'sales' already exists" sales greta
fails 2 "vaddalias: missing destination
$usage" lonely
fails 2 "vaddalias: missing alias and destination
$usage"
fails 2 "vaddalias: unknown option '-x'
$usage" -x a b
chmod 000 "$BHOME/passwd.cdb"
run vm vaddalias x greta
chmod 600 "$BHOME/passwd.cdb"
expect_rc 1 "vaddalias with an unreadable table"
expect_err "vaddalias: fatal: unable to open $BHOME/passwd.cdb: Permission denied"
expect_state "$before" "vaddalias with an unreadable table"
exit 0
