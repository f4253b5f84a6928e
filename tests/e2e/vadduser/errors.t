#!/usr/bin/env bash
# Bad input to vadduser: "vadduser: fatal: ..." on stderr, exit 1 (2 for
# usage), and the table and every directory exactly as they were.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
account_domain
vm vsetup --quiet || fail "vsetup"
run_in $'pw\n' vm vadduser --quiet greta || fail "vadduser greta"
base_dir "$BHOME/users/stale/new"
before=$(state)

# fails CODE STDERR [STDIN] -- ARGS...: vadduser fails that way, touching nothing.
fails() {
  local code=$1 want=$2 input=$3; shift 4
  run_in "$input" vm vadduser "$@"
  expect_rc "$code" "vadduser $*"
  expect_out "" "stdout of vadduser $*"
  expect_err "$want" "stderr of vadduser $*"
  expect_state "$before" "vadduser $*"
}
usage="vadduser: usage: vadduser [OPTION]... NAME [ALIAS]..."

fails 1 "vadduser: fatal: account 'greta' already exists" $'pw\n' -- GRETA
fails 1 "vadduser: fatal: account 'greta' already exists" $'pw\n' -- joe greta
fails 1 "vadduser: fatal: account 'joe' is given twice" $'pw\n' -- joe Joe
fails 1 "vadduser: fatal: invalid account name 'a/b': it contains '/'" $'pw\n' -- a/b
fails 1 "vadduser: fatal: invalid account name '.x': it starts with '.'" $'pw\n' -- .x
fails 1 "vadduser: fatal: invalid account name 'x y': it contains a space" $'pw\n' -- 'x y'
fails 1 "vadduser: fatal: invalid account name '..': it is reserved" $'pw\n' -- ..
fails 1 "vadduser: fatal: invalid account name '$(printf 'x%.0s' {1..65})': it is longer than 64 bytes" $'pw\n' -- "$(printf 'x%.0s' {1..65})"
fails 1 "vadduser: fatal: invalid account name 'a:b': it contains ':'" $'pw\n' -- joe a:b
# SPEC 3.5: no control byte in a name (an ESC would reach terminals raw in listings).
fails 1 "vadduser: fatal: invalid account name 'joe\\x1b[31m': it contains a control character" $'pw\n' -- $'joe\x1b[31m'
fails 1 "vadduser: fatal: invalid account name 'x\\x7f': it contains a control character" $'pw\n' -- joe $'x\x7f'
fails 1 "vadduser: fatal: invalid forward 'nobody': it is neither an address (local@domain) nor an account of this domain" $'pw\n' -- -f nobody joe
fails 1 "vadduser: fatal: invalid forward 'a@b@c': it contains more than one '@'" $'pw\n' -- -f greta -f a@b@c joe
fails 1 "vadduser: fatal: bad soft quota 'abc': not a number (digits, or - for unlimited)" $'pw\n' -- -q abc joe
fails 1 "vadduser: fatal: bad hard quota '-1': not a number (digits, or - for unlimited)" $'pw\n' -- -Q -1 joe
fails 1 "vadduser: fatal: bad message count '': empty" $'pw\n' -- --msgcount= joe
fails 1 "vadduser: fatal: bad expiry '1y': not a number (digits, or - for unlimited)" $'pw\n' -- -e 1y joe
fails 1 "vadduser: fatal: bad message size '99999999999999999999': too large" $'pw\n' -- -z 99999999999999999999 joe
fails 1 "vadduser: fatal: invalid password hash given with --password (it must be printable ASCII without blanks)" '' -- '--password=my secret' joe
fails 1 "vadduser: fatal: invalid directory '../elsewhere': it contains '..'" $'pw\n' -- -d ../elsewhere joe
fails 1 "vadduser: fatal: invalid directory '.vmailmgr': it is the domain's settings directory .vmailmgr" $'pw\n' -- -d .vmailmgr joe
fails 1 "vadduser: fatal: invalid directory '$BHOME': it is the base home itself" $'pw\n' -- -D -d "$BHOME" joe
fails 1 "vadduser: fatal: directory $BHOME/users/stale already exists" $'pw\n' -- stale
fails 1 "vadduser: fatal: no password given" '' -- joe
fails 1 "vadduser: fatal: no password given" $'  \n' -- joe
fails 1 "vadduser: fatal: the password on standard input is longer than 1024 bytes" "$(printf 'p%.0s' {1..1025})" -- joe
# SPEC 4: a new password is 1 to 256 bytes without control bytes; bad input, never "temporary".
fails 1 "vadduser: fatal: the password is longer than 256 bytes" "$(printf 'p%.0s' {1..257})" -- joe
fails 1 "vadduser: fatal: the password is longer than 256 bytes" "$(printf 'p%.0s' {1..600})" -- joe
fails 1 "vadduser: fatal: the password contains a control character" $'pass\x1bword\n' -- joe
fails 1 "vadduser: fatal: the password contains a control character" $'pa\tss\n' -- joe
fails 2 "vadduser: missing account name
$usage" '' --
fails 2 "vadduser: unknown option '--bogus'
$usage" '' -- --bogus joe
fails 2 "vadduser: option '-q' needs an argument
$usage" '' -- joe -q
fails 2 "vadduser: option '--quiet' takes no argument
$usage" '' -- --quiet=1 joe

# A setting that does not parse is named by its path.
echo lots > "$ETCDIR/default-msgcount"
fails 1 "vadduser: fatal: $ETCDIR/default-msgcount: bad number 'lots'" $'pw\n' -- joe
rm "$ETCDIR/default-msgcount"
# user-dir follows the rule of -d: no "..", not the home, not the settings.
echo ../mail > "$ETCDIR/user-dir"
fails 1 "vadduser: fatal: setting user-dir '../mail/' is invalid: it contains '..'" $'pw\n' -- joe
echo .vmailmgr > "$ETCDIR/user-dir"
fails 1 "vadduser: fatal: setting user-dir '.vmailmgr/' is invalid: it is the domain's settings directory .vmailmgr" $'pw\n' -- joe
rm "$ETCDIR/user-dir"

# An unreadable table.
chmod 000 "$BHOME/passwd.cdb"
run_in $'pw\n' vm vadduser joe
expect_rc 1 "vadduser with an unreadable table"
expect_err "vadduser: fatal: unable to open $BHOME/passwd.cdb: Permission denied"
chmod 600 "$BHOME/passwd.cdb"
expect_state "$before" "vadduser with an unreadable table"

# A missing home.
run_in $'pw\n' as_base env HOME="$T/nowhere" "$BIN/vadduser" joe
expect_rc 1 "vadduser with a missing home"
expect_err "vadduser: fatal: unable to find home directory $T/nowhere: No such file or directory"
expect_state "$before" "vadduser with a missing home"

# A 0-byte table is corrupt: refused, and left as it is for the administrator.
mv "$BHOME/passwd.cdb" "$T/passwd.good"
: > "$BHOME/passwd.cdb"
run_in $'pw\n' vm vadduser joe
expect_rc 1 "vadduser on a 0-byte table"
expect_err "vadduser: fatal: temporary failure: $BHOME/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header"
[ ! -s "$BHOME/passwd.cdb" ] || fail "the 0-byte table was written"
[ ! -e "$BHOME/users/joe" ] || fail "a directory was made for joe"
mv "$T/passwd.good" "$BHOME/passwd.cdb"
expect_state "$before" "after the 0-byte table"

# The table cannot be written (the home is read-only): the Maildir made for
# the new account is removed again, nothing else is touched.
chmod 550 "$BHOME"
run_in $'pw\n' vm vadduser joe
chmod 750 "$BHOME"
expect_rc 1 "vadduser with a read-only home"
[[ "$err" =~ ^"vadduser: fatal: unable to open $BHOME/passwd.cdb.tmp."[0-9.]+": Permission denied"$ ]] ||
  fail "stderr with a read-only home: $err"
expect_state "$before" "vadduser with a read-only home"
exit 0
