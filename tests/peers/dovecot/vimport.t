# Each source of vimport end to end (SPEC §19): the old system's layout is
# built under $T/old, each domain imported by its own base user, and then
# every user logs in through a real Dovecot 2.3 POP3 (checkvpw) with the
# password of the old system and reads the old messages byte for byte.
# Sources: GNU pop3d/vm-pop3d (MD5-crypt, SHA-512 and DES hashes, an LF
# mbox, a CR LF mbox, a 0-byte one), linuxconf vpop3d (shadow file,
# aliases), teapop (plain-text passwords, an mbox in a hashed directory and
# a Maildir), vpopmail (vpasswd, Maildir with cur/ and new/, .qmail
# aliases), sendmail virtusertable (a system user's shadow hash and spool).
source "$TOP/tests/lib.sh"
source "$TOP/tests/dovecot.sh"
need python3
need perl
dovecot_need
sandbox_init
chmod 755 "$T"
export VMAILMGR_ETC=$T/vmetc
mkdir -p "$VMAILMGR_ETC" "$T/qmail/control" "$T/msg"
echo "$T/qmail" > "$VMAILMGR_ETC/qmail-root"
SOURCES="pop3d vpop3d teapop vpopmail virtusertable"
uid=2941
for s in $SOURCES; do
  sandbox_user "vmi$s" "$uid"
  echo "$s.test:vmi$s" >> "$T/qmail/control/virtualdomains"
  uid=$((uid + 1))
done
OLD=$T/old
MD5='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'  # Kestrel.Moss-42 (VMailMgr 0.97's fixture)
SHA=$(perl -e 'print crypt("Sha Pass 5", q($6$saltsalt$))')
DES=$(perl -e 'print crypt("despw", "ab")')
[ "${SHA:0:3}" = '$6$' ] && [ ${#DES} = 13 ] || fail "perl crypt: [$SHA] [$DES]"

# The old messages, and an mbox holding them as an MDA writes it (">From"
# quoted, an empty line before each separator). mb2md keeps that empty line
# with the message before it: so does vimport.
printf 'From: a@example.org\nSubject: one\n\nFrom the start of a line\nbye\n' > "$T/msg/one"
printf 'Subject: two\nStatus: RO\n\nsecond body\n' > "$T/msg/two"
{ cat "$T/msg/one"; echo; } > "$T/msg/one-kept"
mbox() {  # mbox FILE: the two messages
  mkdir -p "$(dirname "$1")"
  { echo 'From a@example.org Wed Nov 24 11:05:35 1999'; sed 's/^From />From /' "$T/msg/one"; echo
    echo 'From b@example.org Thu Nov 25 12:00:00 1999'; cat "$T/msg/two"; } > "$1"
}
put() { mkdir -p "$(dirname "$OLD$1")"; printf '%s' "$2" > "$OLD$1"; }

# GNU pop3d / vm-pop3d
put /etc/virtual/pop3d.test/passwd "joe:$MD5:500:500:Joe:/x:/bin/false
ann:$SHA
zed:$DES
"
mbox "$OLD/var/spool/virtual/pop3d.test/joe"
mbox "$T/lf" && sed 's/$/\r/' "$T/lf" > "$OLD/var/spool/virtual/pop3d.test/ann"
: > "$OLD/var/spool/virtual/pop3d.test/zed"
# linuxconf vpop3d
put /etc/vmail/passwd.vpop3d.test "joe:x:60000:60000:Joe:/vhome/joe:/bin/false
"
put /etc/vmail/shadow.vpop3d.test "joe:$MD5:11000:0:99999:7:::
"
put /etc/vmail/aliases.vpop3d.test "sales: joe
"
mbox "$OLD/var/spool/vmail/vpop3d.test/joe"
# teapop, textfile
put /etc/teapop.passwd "teapop.test:*:textfile:/var/mail/teapop:1:mail:mail:/etc/teapop/teapop.test:10:
"
put /etc/teapop/teapop.test "joe:joe plain pw:joe
ann:ann-pw:ann/
"
mbox "$OLD/var/mail/teapop/j/joe"
put /var/mail/teapop/a/ann/cur/1000000000.1.old:2,S "$(cat "$T/msg/one")
"
put /var/mail/teapop/a/ann/new/1000000001.2.old "$(cat "$T/msg/two")
"
mkdir -p "$OLD/var/mail/teapop/a/ann/tmp"
# vpopmail
D=/home/vpopmail/domains/vpopmail.test
put $D/vpasswd "joe:$MD5:1:0:Joe:$D/joe:5242880S,100C
"
put $D/joe/Maildir/cur/1000000000.1.old:2,S "$(cat "$T/msg/one")
"
put $D/joe/Maildir/new/1000000001.2.old "$(cat "$T/msg/two")
"
put $D/joe/Maildir/.Sent/cur/1000000002.3.old:2,S "sent mail
"
put $D/.qmail-sales "&joe@vpopmail.test
"
put $D/.qmail-default "| /home/vpopmail/bin/vdelivermail '' bounce-no-mailbox
"
# sendmail virtusertable (UW imapd VPOP): joe@ is the system user jdoe
put /etc/mail/virtusertable "joe@virtusertable.test jdoe
@virtusertable.test jdoe
other@elsewhere.test nobody
"
put /etc/passwd "jdoe:x:1000:1000:John Doe:/home/jdoe:/bin/bash
"
put /etc/shadow "jdoe:$SHA:19000:0:99999:7:::
"
mbox "$OLD/var/spool/mail/jdoe"
chmod -R a+rX "$OLD"

uid=2941
for s in $SOURCES; do
  home=$T/home/vmi$s
  run in_sandbox setpriv --reuid "$uid" --regid "$uid" --init-groups env -i PATH=/usr/bin:/bin \
    HOME="$home" VMAILMGR_ETC="$VMAILMGR_ETC" TZ=UTC "$TOP/vimport" --quiet --root="$OLD" "$s" "$s.test"
  expect_rc 0 "vimport $s"
  expect_err ""
  uid=$((uid + 1))
done
[ "$(stat -c %Y "$T/home/vmipop3d/users/joe/cur/"*:2,S)" = 943531200 ] || fail "the From-line date is not the file time"
[ -d "$T/home/vmivpopmail/users/joe/.Sent/cur" ] || fail "vpopmail's folder was not copied"

dovecot_config "$T/dovecot" "$TOP/checkvpw" prefetch
dovecot_start in_sandbox
trap dovecot_stop EXIT
check() {  # check LOGIN PASSWORD EXPECTED...
  run python3 "$TOP/tests/e2e/vimport/pop3_check.py" "$DOVECOT_POP3_PORT" "$@"
  expect_rc 0 "POP3 $1 ($out) (log: $(dovecot_log | tail -n 3))"
}
check joe@pop3d.test Kestrel.Moss-42 "$T/msg/one-kept" "$T/msg/two"
check ann@pop3d.test "Sha Pass 5" "$T/msg/one-kept" "$T/msg/two"
check zed@pop3d.test despw
check joe@vpop3d.test Kestrel.Moss-42 "$T/msg/one-kept" "$T/msg/two"
check joe@teapop.test "joe plain pw" "$T/msg/one-kept" "$T/msg/two"
check ann@teapop.test ann-pw "$T/msg/one" "$T/msg/two"
check joe@vpopmail.test Kestrel.Moss-42 "$T/msg/one" "$T/msg/two"
check joe@virtusertable.test "Sha Pass 5" "$T/msg/one-kept" "$T/msg/two"
run python3 "$TOP/tests/e2e/vimport/pop3_check.py" "$DOVECOT_POP3_PORT" joe@pop3d.test wrong-password
expect_rc 2 "a wrong password"
for alias in sales@vpop3d.test sales@vpopmail.test +@virtusertable.test; do
  run python3 "$TOP/tests/e2e/vimport/pop3_check.py" "$DOVECOT_POP3_PORT" "$alias" ""
  expect_rc 2 "the alias $alias logs in"
done
dovecot_stop

# The legacy hashes (MD5-crypt, DES) were replaced at the first login, a
# current one (SHA-512) was kept; the aliases are there.
[ -x "$TOOLS/account_show" ] || fail "account_show is not built"
show() { "$TOOLS/account_show" "$T/home/vmi$1/passwd.cdb" | grep "^$2 "; }
for s in pop3d:joe pop3d:zed vpop3d:joe vpopmail:joe; do
  show "${s%%:*}" "${s#*:}" | grep -q ' pw=\$y\$' || fail "$s was not rehashed: $(show "${s%%:*}" "${s#*:}")"
done
for s in pop3d:ann virtusertable:joe; do
  show "${s%%:*}" "${s#*:}" | grep -qF " pw=$SHA " || fail "$s lost its hash: $(show "${s%%:*}" "${s#*:}")"
done
expect_eq "$(show vpop3d sales)" "sales pw=* dir= fw=joe personal= quota=-/- size=- count=- ctime=$(show vpop3d sales | sed 's/.*ctime=\([0-9]*\).*/\1/') expiry=- mailbox=0 enabled=1"
show vpopmail joe | grep -q 'quota=5242880/- size=- count=100' || fail "vpopmail's quota: $(show vpopmail joe)"
show vpopmail sales | grep -q 'fw=joe@vpopmail.test ' || fail "vpopmail's alias: $(show vpopmail sales)"
show virtusertable + | grep -q 'fw=joe ' || fail "the virtusertable catch-all: $(show virtusertable +)"
exit 0
