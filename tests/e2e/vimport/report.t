# vimport as an administrator runs it (base user, private sandbox): the
# per-line report and exit codes, --dry-run changing nothing, one run
# bringing accounts, aliases and mail, a second run changing nothing (its
# accounts "already imported", exit 0 when the source is clean), a killed
# run resumed without a message twice, an unmarked directory never taken,
# an account there before or imported from another password skipped.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
account_domain
vm vsetup --quiet || fail "vsetup"
OLD=$T/old
mkdir -p "$OLD/etc/vmail" "$OLD/var/spool/vmail/example.com"
md5='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'
printf '%s\n' "joe:x:60000:60000:Joe Doe:/vhome/joe:/bin/false" "ann:$md5:60001:60000::/vhome/ann:/bin/false" \
  "Bad Name:$md5" "zed:$md5:1:1:Zed:/:/bin/false" "postmaster:$md5" "broken" > "$OLD/etc/vmail/passwd.example.com"
printf 'joe:$1$abc$def:11000::::::\n' > "$OLD/etc/vmail/shadow.example.com"
printf '%s\n' "sales: joe, ann@elsewhere.example" "joe: \\joe, joe@home.example" "list: \"|/usr/bin/procmail\"" \
  "ghost: nobody" > "$OLD/etc/vmail/aliases.example.com"
printf 'From a@b Wed Nov 24 11:05:35 1999\nStatus: RO\n\nhello joe\n\nFrom c@d Thu Nov 25 12:00:00 1999\n\nsecond\n' \
  > "$OLD/var/spool/vmail/example.com/joe"
printf 'not an mbox\n' > "$OLD/var/spool/vmail/example.com/zed"
: > "$OLD/var/spool/vmail/example.com/ann"
chmod -R a+rX "$OLD"
P=$OLD/etc/vmail/passwd.example.com
# state, and the bytes and times of every file
tree() { (cd "$BHOME" && find . -type f -printf '%p %s %T@ ' -exec sha256sum {} \; | LC_ALL=C sort; state); }
A=$OLD/etc/vmail/aliases.example.com
S=$OLD/var/spool/vmail/example.com

# usage and bad input
run vm vimport
expect_rc 2 "no operands"
expect_err "vimport: missing SOURCE and DOMAIN
vimport: usage: vimport [OPTION]... SOURCE DOMAIN"
run vm vimport cyrus example.com
expect_rc 2 "unknown source"
expect_err "vimport: unknown source 'cyrus'
vimport: usage: vimport [OPTION]... SOURCE DOMAIN"
run vm vimport --bogus vpop3d example.com
expect_rc 2 "unknown option"
run vm vimport vpop3d ../etc
expect_rc 1 "a domain that would leave the directory"
expect_err "vimport: fatal: invalid domain '../etc'"
run vm vimport --root="$OLD" vpop3d other.example
expect_rc 1 "no such domain"
expect_err "vimport: fatal: unable to open $OLD/etc/vmail/passwd.other.example: No such file or directory"

before=$(state)
report="vimport: reading linuxconf vpop3d: $P, mailboxes in $S
vimport: $P:1: VERB account joe: 2 messages, forwarding to joe@home.example
vimport: $P:2: VERB account ann: 0 messages
vimport: $A:1: VERB alias sales -> joe, ann@elsewhere.example
vimport: $P:3: skipped 'Bad Name': invalid account name 'Bad Name': it contains a space
vimport: $P:4: skipped 'zed': its mailbox cannot be read: $S/zed: it does not start with a \"From \" line (line 1)
vimport: $P:5: skipped 'postmaster': 'postmaster' already exists as an alias
vimport: $P:6: skipped 'broken': not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"
vimport: $A:3: skipped 'list': it delivers to a program (|/usr/bin/procmail)
vimport: $A:4: skipped 'ghost': it forwards to 'nobody', which is neither an account here nor imported"
run vm vimport --dry-run --root="$OLD" vpop3d Example.COM
expect_rc 1 "dry run with skipped lines"
expect_err "${report//VERB/would add}
vimport: 2 accounts and 1 alias would be added, 6 skipped"
expect_state "$before" "a dry run"

run vm vimport --root="$OLD" vpop3d example.com
expect_rc 1 "the import with skipped lines"
expect_err "${report//VERB/added}
vimport: 2 accounts and 1 alias added, 6 skipped"
expect_eq "$(show | grep -E '^(joe|ann|sales) ')" "joe pw=\$1\$abc\$def dir=./users/joe fw=joe@home.example personal=Joe Doe quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1
ann pw=$md5 dir=./users/ann fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1
sales pw=* dir= fw=joe,ann@elsewhere.example personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1"
cur=$BHOME/users/joe/cur
[ "$(ls "$cur" | wc -l)" = 2 ] || fail "joe's messages: $(ls "$cur")"
first=$(ls "$cur" | grep ':2,S$') || fail "no seen message in $(ls "$cur")"
expect_eq "$(cat "$cur/$first")" "Status: RO

hello joe" "the first message"
TZ=UTC0 expect_eq "$(TZ=UTC0 stat -c %Y "$cur/$first")" "943441535" "its time, from its From line (TZ is unset: UTC)"
[ "$(stat -c %u "$cur/$first")" = "$BASE_UID" ] || fail "the message is not the base user's"
[ ! -e "$BHOME/users/joe/vimport-incomplete" ] || fail "the marker stayed"
[ -z "$(ls "$BHOME/users/ann/cur")" ] || fail "ann's empty mailbox has mail"

# a second run changes nothing: the accounts and the alias are recognised,
# only the source's bad lines are skipped again
after=$(state)
after_tree=$(tree)
run vm vimport --root="$OLD" vpop3d example.com
expect_rc 1 "the second run"
expect_err "vimport: reading linuxconf vpop3d: $P, mailboxes in $S
vimport: $P:1: already imported account joe
vimport: $P:2: already imported account ann
vimport: $A:1: already imported alias sales
vimport: $P:3: skipped 'Bad Name': invalid account name 'Bad Name': it contains a space
vimport: $P:4: skipped 'zed': its mailbox cannot be read: $S/zed: it does not start with a \"From \" line (line 1)
vimport: $P:5: skipped 'postmaster': 'postmaster' already exists as an alias
vimport: $P:6: skipped 'broken': not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"
vimport: $A:3: skipped 'list': it delivers to a program (|/usr/bin/procmail)
vimport: $A:4: skipped 'ghost': it forwards to 'nobody', which is neither an account here nor imported
vimport: 0 accounts and 0 aliases added, 3 already imported, 6 skipped"
expect_state "$after" "the second run"
expect_eq "$(tree)" "$after_tree" "the tree after the second run"

# zed's mbox repaired: a killed run left its directory marked (resumed: the
# leftover goes), kim's directory exists unmarked (never taken over)
printf 'From x Wed Nov 24 11:05:35 1999\n\nzed mail\n' > "$S/zed"
printf 'kim:%s\n' "$md5" >> "$P"
base_dir "$BHOME/users/zed" "$BHOME/users/zed/cur" "$BHOME/users/zed/new" "$BHOME/users/zed/tmp" "$BHOME/users/kim"
base_file "$BHOME/users/zed/cur/half:2," 0600 "half a copy"
base_file "$BHOME/users/zed/vimport-incomplete" 0600 ""
base_file "$BHOME/users/kim/keep" 0600 "someone's file"
run vm vimport --quiet --root="$OLD" vpop3d example.com
expect_rc 1 "the third run"
expect_err "vimport: $P:3: skipped 'Bad Name': invalid account name 'Bad Name': it contains a space
vimport: $P:5: skipped 'postmaster': 'postmaster' already exists as an alias
vimport: $P:6: skipped 'broken': not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"
vimport: $P:7: skipped 'kim': directory $BHOME/users/kim already exists
vimport: $A:3: skipped 'list': it delivers to a program (|/usr/bin/procmail)
vimport: $A:4: skipped 'ghost': it forwards to 'nobody', which is neither an account here nor imported
vimport: 1 account and 0 aliases added, 3 already imported, 6 skipped"
expect_eq "$(ls "$BHOME/users/zed")" "cur
new
tmp
vimport-imported" "zed's directory, resumed"
expect_eq "$(cat "$BHOME/users/zed/cur/"*)" "
zed mail" "zed's mail"
expect_file_eq "$BHOME/users/kim/keep" "someone's file"

# nothing to skip: exit 0, and --quiet prints nothing; a second run: exit 0,
# the table and every file (bytes and times) as they were
mkdir -p "$OLD/etc/virtual/clean.example" "$OLD/var/spool/virtual/clean.example"
printf 'amy:%s\n' "$md5" > "$OLD/etc/virtual/clean.example/passwd"
printf 'From a@b Wed Nov 24 11:05:35 1999\n\namy 1\n\nFrom c@d Thu Nov 25 12:00:00 1999\n\namy 2\n' \
  > "$OLD/var/spool/virtual/clean.example/amy"
chmod -R a+rX "$OLD"
run vm vimport --quiet --root="$OLD" pop3d clean.example
expect_rc 0 "a clean import"
expect_err ""
expect_eq "$(show | grep '^amy ')" "amy pw=$md5 dir=./users/amy fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1"
before_tree=$(tree)
run vm vimport --root="$OLD" pop3d clean.example
expect_rc 0 "the clean import again"
expect_err "vimport: reading GNU pop3d / vm-pop3d: $OLD/etc/virtual/clean.example/passwd, mailboxes in $OLD/var/spool/virtual/clean.example
vimport: $OLD/etc/virtual/clean.example/passwd:1: already imported account amy
vimport: 0 accounts and 0 aliases added, 1 already imported, 0 skipped"
expect_eq "$(tree)" "$before_tree" "the tree after the clean import again"

# amy reads her mail (the name of a message changes): nothing comes twice
amy1=$(ls "$BHOME/users/amy/cur" | head -1)
as_base mv "users/amy/cur/$amy1" "users/amy/cur/${amy1}S" || fail "cannot mark amy's mail read"
run vm vimport --quiet --root="$OLD" pop3d clean.example
expect_rc 0 "after amy read her mail"
expect_eq "$(ls "$BHOME/users/amy/cur" | wc -l)" 2 "amy's messages, not brought again"

# the source's password changed since (a real conflict), and an account
# made here before the import (never taken over): exit 1 and the reasons
printf 'amy:%s\nbob:%s\n' '$1$other$hash' "$md5" > "$OLD/etc/virtual/clean.example/passwd"
vm vadduser --quiet --password="$md5" bob || fail "vadduser bob"
before=$(state)
run vm vimport --quiet --root="$OLD" pop3d clean.example
expect_rc 1 "conflicting accounts"
expect_err "vimport: $OLD/etc/virtual/clean.example/passwd:1: skipped 'amy': account 'amy' was imported from another password than the source has now
vimport: $OLD/etc/virtual/clean.example/passwd:2: skipped 'bob': account 'bob' already exists (not made by vimport)
vimport: 0 accounts and 0 aliases added, 2 skipped"
expect_state "$before" "the conflicting run"

# a run killed while it writes messages, then run again: complete, each
# message once (the base user's own shell starts vimport and kills it, by
# pid, once 200 messages are there)
mkdir -p "$OLD/etc/virtual/big.example" "$OLD/var/spool/virtual/big.example"
printf 'kit:%s\n' "$md5" > "$OLD/etc/virtual/big.example/passwd"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    for n in range(1, 6001):
        f.write("From a@b Wed Nov 24 11:05:35 1999\nSubject: %d\n\nmessage %d\n\n" % (n, n))' \
  "$OLD/var/spool/virtual/big.example/kit"
chmod -R a+rX "$OLD"
as_base bash -c '"$1" --quiet --root="$2" pop3d big.example 2>/dev/null & pid=$!
  until [ "$(ls users/kit/cur 2>/dev/null | wc -l)" -ge 200 ]; do
    kill -0 "$pid" 2>/dev/null || exit 3; sleep 0.01; done
  kill -9 "$pid"; wait "$pid"; exit 0' killed "$BIN/vimport" "$OLD" || fail "vimport was not killed while it wrote"
[ -f "$BHOME/users/kit/vimport-incomplete" ] || fail "the killed run left no marker"
show | grep -q '^kit ' && fail "the killed run's account is in the table"
base_file "$BHOME/users/kit/cur/$(ls "$BHOME/users/kit/cur" | head -1)" 0600 "cut short"
run vm vimport --root="$OLD" pop3d big.example
expect_rc 0 "the run after the killed one"
expect_err "vimport: reading GNU pop3d / vm-pop3d: $OLD/etc/virtual/big.example/passwd, mailboxes in $OLD/var/spool/virtual/big.example
vimport: $OLD/etc/virtual/big.example/passwd:1: added account kit: 6000 messages
vimport: 1 account and 0 aliases added, 0 skipped"
expect_eq "$(cd "$BHOME/users/kit/cur" && python3 -c '
import os, re
seen = {}
for n in os.listdir("."):
    i = int(re.match(r"\d+\.I(\d{10})\.", n).group(1))
    seen[i] = open(n).read() == "Subject: %d\n\nmessage %d\n\n" % (i, i) or i == 6000 and open(n).read() == "Subject: %d\n\nmessage %d\n" % (i, i)
print(len(seen), sorted(seen) == list(range(1, 6001)), all(seen.values()))')" "6000 True True" "kit's messages after the resumed run"
[ ! -e "$BHOME/users/kit/vimport-incomplete" ] || fail "the marker stayed"
exit 0
