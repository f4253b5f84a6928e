# vimport as an administrator runs it (base user, private sandbox): the
# per-line report and exit codes, --dry-run changing nothing, one run
# bringing accounts, aliases and mail, a second run changing nothing, a
# killed run's marked directory filled again, an unmarked one never taken.
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
vimport: $P:5: skipped 'postmaster': account 'postmaster' already exists
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

# a second run changes nothing
after=$(state)
run vm vimport --root="$OLD" vpop3d example.com
expect_rc 1 "the second run"
expect_err "vimport: reading linuxconf vpop3d: $P, mailboxes in $S
vimport: $P:1: skipped 'joe': account 'joe' already exists
vimport: $P:2: skipped 'ann': account 'ann' already exists
vimport: $P:3: skipped 'Bad Name': invalid account name 'Bad Name': it contains a space
vimport: $P:4: skipped 'zed': its mailbox cannot be read: $S/zed: it does not start with a \"From \" line (line 1)
vimport: $P:5: skipped 'postmaster': account 'postmaster' already exists
vimport: $P:6: skipped 'broken': not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"
vimport: $A:1: skipped 'sales': account 'sales' already exists
vimport: $A:3: skipped 'list': it delivers to a program (|/usr/bin/procmail)
vimport: $A:4: skipped 'ghost': it forwards to 'nobody', which is neither an account here nor imported
vimport: 0 accounts and 0 aliases added, 9 skipped"
expect_state "$after" "the second run"

# zed's mbox repaired: a killed run left its directory marked (refilled),
# kim's directory exists unmarked (never taken over)
printf 'From x Wed Nov 24 11:05:35 1999\n\nzed mail\n' > "$S/zed"
printf 'kim:%s\n' "$md5" >> "$P"
base_dir "$BHOME/users/zed" "$BHOME/users/zed/cur" "$BHOME/users/zed/new" "$BHOME/users/zed/tmp" "$BHOME/users/kim"
base_file "$BHOME/users/zed/cur/half:2," 0600 "half a copy"
base_file "$BHOME/users/zed/vimport-incomplete" 0600 ""
base_file "$BHOME/users/kim/keep" 0600 "someone's file"
run vm vimport --quiet --root="$OLD" vpop3d example.com
expect_rc 1 "the third run"
expect_eq "$(grep -v "account '[a-z]*' already exists" <<<"$err")" "vimport: $P:3: skipped 'Bad Name': invalid account name 'Bad Name': it contains a space
vimport: $P:6: skipped 'broken': not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"
vimport: $P:7: skipped 'kim': directory $BHOME/users/kim already exists
vimport: $A:3: skipped 'list': it delivers to a program (|/usr/bin/procmail)
vimport: $A:4: skipped 'ghost': it forwards to 'nobody', which is neither an account here nor imported
vimport: 1 account and 0 aliases added, 9 skipped" "the third run's report"
expect_eq "$(ls "$BHOME/users/zed")" "cur
new
tmp" "zed's directory, refilled"
expect_eq "$(cat "$BHOME/users/zed/cur/"*)" "
zed mail" "zed's mail"
expect_file_eq "$BHOME/users/kim/keep" "someone's file"

# nothing to skip: exit 0, and --quiet prints nothing
mkdir -p "$OLD/etc/virtual/clean.example"
printf 'amy:%s\n' "$md5" > "$OLD/etc/virtual/clean.example/passwd"
chmod -R a+rX "$OLD"
run vm vimport --quiet --root="$OLD" pop3d clean.example
expect_rc 0 "a clean import"
expect_err ""
expect_eq "$(show | grep '^amy ')" "amy pw=$md5 dir=./users/amy fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1"
exit 0
