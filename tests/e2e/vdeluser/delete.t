#!/usr/bin/env bash
# vdeluser deletes records, then directories, never following a symlink out
# of an account directory; bad input changes nothing.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
vm vsetup --quiet || fail "vsetup"
for n in joe ann bob eve; do run_in $'pw\n' vm vadduser --quiet "$n" || fail "vadduser $n"; done
vm vaddalias --quiet sales joe || fail "vaddalias sales"
base_file "$BHOME/users/joe/new/1.M1P1.host" 600 "a message"
# Outside the home: precious files a symlink inside an account points to.
mkdir -p "$T/outside/dir" && echo keep > "$T/outside/dir/precious" && echo keep > "$T/outside/file"
chmod -R a+rwX "$T/outside"
ln -s "$T/outside/dir" "$BHOME/users/ann/cur/evil-dir"
ln -s "$T/outside/file" "$BHOME/users/ann/new/evil-file"
chown -h "$BASE_UID:$BASE_UID" "$BHOME/users/ann/cur/evil-dir" "$BHOME/users/ann/new/evil-file"
# bob's account directory itself is a symlink to a directory outside.
rm -rf "$BHOME/users/bob" && ln -s "$T/outside/dir" "$BHOME/users/bob" && chown -h "$BASE_UID:$BASE_UID" "$BHOME/users/bob"
outside=$(cd "$T/outside" && find . -printf '%p %y %m\n' | sort; cat dir/precious file)

before=$(state)
fails() {
  local code=$1 want=$2; shift 2
  run vm vdeluser "$@"
  expect_rc "$code" "vdeluser $*"
  expect_err "$want" "stderr of vdeluser $*"
  expect_state "$before" "vdeluser $*"
}
usage="vdeluser: usage: vdeluser [OPTION]... NAME..."
fails 1 "vdeluser: fatal: account 'nobody' does not exist" joe nobody
fails 1 "vdeluser: fatal: invalid account name 'a/b': it contains '/'" joe a/b
fails 1 "vdeluser: fatal: account 'joe' has a mailbox (-D deletes only aliases)" -D sales joe
fails 2 "vdeluser: missing account name
$usage"
fails 2 "vdeluser: unknown option '-x'
$usage" -x joe
chmod 000 "$BHOME/passwd.cdb"
run vm vdeluser joe
chmod 600 "$BHOME/passwd.cdb"
expect_rc 1 "vdeluser with an unreadable table"
expect_err "vdeluser: fatal: unable to open $BHOME/passwd.cdb: Permission denied"
expect_state "$before" "vdeluser with an unreadable table"

# Several at once (one update), names lowercased, a repeat counts once.
run vm vdeluser JOE ann bob Joe
expect_rc 0 "vdeluser joe ann bob"
expect_out ""
expect_err "vdeluser: user 'joe' successfully deleted
vdeluser: user 'ann' successfully deleted
vdeluser: user 'bob' successfully deleted"
expect_eq "$(cd "$T/outside" && find . -printf '%p %y %m\n' | sort; cat dir/precious file)" "$outside" "files outside the home"
expect_eq "$(cd "$BHOME/users" && ls | tr '\n' ' ')" "eve " "account directories left"
expect_eq "$(show | cut -d' ' -f1 | tr '\n' ' ')" "mailer-daemon postmaster root eve sales " "accounts left"
# Aliases that forwarded to joe are left alone (delete them on purpose).
expect_eq "$(show | grep '^sales ' | cut -d' ' -f4)" "fw=joe" "sales still forwards to joe"

run vm vdeluser -D --quiet sales
expect_rc 0 "vdeluser -D sales"
expect_err ""

# A directory outside the home is never removed: the record goes, a warning says why.
mkdir -p "$T/elsewhere/x/new" && chown -R "$BASE_UID:$BASE_UID" "$T/elsewhere"
run vm vadduser -P -d "$T/elsewhere/x" ext
run vm vadduser -D -P -d ./users/eve shared
expect_rc 1 "vadduser onto eve's directory"
run vm vadduser -P -d "$T/elsewhere/y" --quiet ext
expect_rc 0 "vadduser -d outside"
run vm vdeluser ext
expect_rc 0 "vdeluser ext"
expect_err "vdeluser: user 'ext' successfully deleted
vdeluser: warning: directory $T/elsewhere/y left in place: it is outside the home directory"
[ -d "$T/elsewhere/y/new" ] || fail "a directory outside the home was removed"
exit 0
