# vrenuser as a base user would run it: the record, the Maildir with its
# mail and the forwards naming the account (bare, or @ one of the base
# user's domains in control/virtualdomains) renamed in one table rewrite;
# refusals change nothing (exit 1), usage errors exit 2; killed with
# SIGKILL at random moments, the domain answers under one of the two names
# and the next vrenuser finishes the job.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
account_domain
chmod 755 "$T"
mkdir -p "$T/qmail/control"
echo "$T/qmail" > "$ETCDIR/qmail-root"
printf 'example.test:%s\nother.test:someone\n' "$BASE" > "$T/qmail/control/virtualdomains"
chmod -R go+rX "$T/qmail" "$ETCDIR"
run vm vsetup --quiet
expect_rc 0 "vsetup"
run_in $'joe-secret\n' vm vadduser --quiet joe
expect_rc 0 "vadduser joe"
run vm vaddalias --quiet sales joe joe@example.test joe@other.test
expect_rc 0 "vaddalias sales"
printf 'Subject: hi\n\nbody\n' > "$BHOME/users/joe/new/1700000000.M1P1.host"
chown "$BASE_UID:$BASE_UID" "$BHOME/users/joe/new/1700000000.M1P1.host"

run vm vrenuser joe Jim
expect_rc 0 "vrenuser joe Jim"
expect_err "vrenuser: renamed 'joe' to 'jim'.
vrenuser: moved directory ./users/joe to ./users/jim.
vrenuser: forwards of 'sales' now name 'jim'."
expect_eq "$(show | grep -E '^(jim|joe|sales) ')" \
  "sales pw=* dir= fw=jim,jim@example.test,joe@other.test personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1
jim pw=YESCRYPT dir=./users/jim fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1" \
  "records after the rename (jim last: a new name goes to the end of the table)"
verify jim joe-secret || fail "jim's password"
expect_eq "$(cat "$BHOME/users/jim/new/1700000000.M1P1.host")" "Subject: hi

body" "the mail moved along"
[ -e "$BHOME/users/joe" ] && fail "users/joe is still there"
run vm listvdomain sales
expect_out "User Mailbox Aliases
sales No jim jim@example.test joe@other.test"

# Refusals: exit 1, nothing changed.
saved=$(state)
run vm vrenuser jim sales
expect_rc 1 "to an existing account"
expect_err "vrenuser: fatal: account 'sales' already exists"
run vm vrenuser nobody x
expect_rc 1 "an unknown account"
expect_err "vrenuser: fatal: account 'nobody' does not exist"
run vm vrenuser jim 'a b'
expect_rc 1 "an invalid name"
expect_err "vrenuser: fatal: invalid account name 'a b': it contains a space"
expect_state "$saved" "refused renames"
run vm vrenuser jim
expect_rc 2 "one operand"
expect_err "vrenuser: missing account names OLD and NEW
vrenuser: usage: vrenuser [OPTION]... OLD NEW"
run vm vrenuser a b c
expect_rc 2 "three operands"

# SIGKILL at random moments: right after, the account answers under one
# name with its mail; the next run tidies up whatever was left.
name=jim
for round in $(seq 12); do
  other=$([ "$name" = jim ] && echo joe || echo jim)
  "${SANDBOX[@]}" setpriv --reuid "$BASE_UID" --regid "$BASE_UID" --init-groups \
    env -i HOME="$BHOME" VMAILMGR_ETC="$ETCDIR" "$BIN/vrenuser" --quiet "$name" "$other" &
  pid=$!
  sleep "0.00$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  accounts=$("$TOOLS/account_show" "$BHOME/passwd.cdb" | cut -d' ' -f1 | grep -E '^(jim|joe)$')
  [ "$(wc -l <<<"$accounts")" = 1 ] || fail "round $round: accounts [$accounts]"
  name=$accounts
  [ -f "$BHOME/users/$name/new/1700000000.M1P1.host" ] || fail "round $round: no mail for $name"
  other=$([ "$name" = jim ] && echo joe || echo jim)
  run vm vrenuser --quiet "$name" "$other"
  expect_rc 0 "round $round: the rename after the kill"
  name=$other
  [ -L "$BHOME/users/$name" ] && fail "round $round: a link left"
  [ -e "$BHOME/passwd.rename" ] && fail "round $round: the journal left"
  expect_eq "$(ls "$BHOME/users" | grep -E '^(jim|joe)$')" "$name" "round $round: directories"
done
exit 0
