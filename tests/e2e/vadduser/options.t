#!/usr/bin/env bash
# Every vadduser option, an explicit 0 included, as read back from the table
# (decoded, and raw through tinycdb) and the directories it made.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
vm vsetup --quiet || fail "vsetup"

# Plain: password from one line of stdin, Maildir 0700, default limits.
run_in $'Kestrel.Moss-42  \n' vm vadduser Greta
expect_rc 0 "vadduser Greta"
expect_out ""
expect_err "vadduser: user 'greta' successfully added"
verify greta 'Kestrel.Moss-42' || fail "greta's password does not verify"
expect_eq "$(show | grep '^greta ')" "greta pw=YESCRYPT dir=./users/greta fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1"
expect_eq "$(cd "$BHOME" && find users/greta -printf '%p %m\n' | sort)" "users/greta 700
users/greta/cur 700
users/greta/new 700
users/greta/tmp 700"

# Every limit, an explicit 0, personal information, forwards, aliases.
run vm vadduser --password='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.' -p 'Ivar Holm (Sales)' \
  -Q 0 -q 4194304 -z 0 -c 0 -e 31536000 -f greta -f lena@home.example ivar.holm ih IVAR
expect_rc 0 "vadduser with every option"
expect_err "vadduser: user 'ivar.holm' successfully added
vadduser: alias 'ih' successfully added, forwarding to ivar.holm
vadduser: alias 'ivar' successfully added, forwarding to ivar.holm"
expect_eq "$(show | grep -E '^(ivar.holm|ih|ivar) ')" \
"ivar.holm pw=\$1\$ONSdDnGX\$MjLWKkW4Em.5bdjI6Dchk. dir=./users/ivar:holm fw=greta,lena@home.example personal=Ivar Holm (Sales) quota=0/4194304 size=0 count=0 ctime=NOW expiry=NOW+31536000 mailbox=1 enabled=1
ih pw=* dir= fw=ivar.holm personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1
ivar pw=* dir= fw=ivar.holm personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1"
[ -d "$BHOME/users/ivar:holm/new" ] || fail "no Maildir for ivar.holm"
expect_eq "$(dump | grep '^+2,')" '+2,42:ih->\x02\x0a\x00\x08\x01\x00*\x00\x00ivar.holm\x00\x00\x00-\x00-\x00-\x00-\x00NOW\x00-\x00' "ih through cdb -d"

# Bundled short options and --long forms; - for unlimited over a default.
for s in hardquota softquota msgsize msgcount expiry; do echo 1000 > "$ETCDIR/default-$s"; done
run vm vadduser -PQ- --softquota=- --msgsize - --msgcount=7 --expiry=- --personal=P --forward=x@y -- nopw
expect_rc 0 "vadduser -PQ- ..."
expect_eq "$(show | grep '^nopw ')" "nopw pw=* dir=./users/nopw fw=x@y personal=P quota=-/- size=- count=7 ctime=NOW expiry=- mailbox=1 enabled=1"
run vm vadduser -P deflt
expect_eq "$(show | grep '^deflt ')" "deflt pw=* dir=./users/deflt fw= personal= quota=1000/1000 size=1000 count=1000 ctime=NOW expiry=NOW+1000 mailbox=1 enabled=1"
run vm vadduser -P -e 0 zero
expect_eq "$(show | grep '^zero ')" \
  "zero pw=* dir=./users/zero fw= personal= quota=1000/1000 size=1000 count=1000 ctime=NOW expiry=NOW+0 mailbox=1 enabled=1"
rm "$ETCDIR"/default-*

# -D: no mailbox, no directory; -D -d: a plain directory; -d: a Maildir there.
run vm vadduser -D -P -f greta sales
expect_rc 0 "vadduser -D"
expect_eq "$(show | grep '^sales ')" "sales pw=* dir= fw=greta personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1"
[ ! -e "$BHOME/users/sales" ] || fail "-D made a directory"
run vm vadduser -D -P -d boxes/team team
expect_rc 0 "vadduser -D -d"
expect_eq "$(show | grep '^team ' | cut -d' ' -f3)" "dir=./boxes/team"
expect_eq "$(cd "$BHOME" && find boxes -printf '%p %m\n' | sort)" "boxes 755
boxes/team 700"
run vm vadduser -P -d ./mail/kim kim
expect_eq "$(cd "$BHOME" && find mail -printf '%p %m\n' | sort)" "mail 755
mail/kim 700
mail/kim/cur 700
mail/kim/new 700
mail/kim/tmp 700"

# A hashed layout (SPEC 3.3): kai -> users/9/c/kai, levels 0755.
base_dir "$BHOME/.vmailmgr"
echo 4 > "$BHOME/.vmailmgr/user-dir-bits"; echo 2 > "$BHOME/.vmailmgr/user-dir-slices"
run_in $'Quartz~Lamp8\n' vm vadduser --quiet KAI
expect_rc 0 "vadduser kai"
expect_err ""
expect_eq "$(show | grep '^kai ' | cut -d' ' -f3)" "dir=./users/9/c/kai"
expect_eq "$(cd "$BHOME" && find users/9 -printf '%p %m\n' | sort)" "users/9 755
users/9/c 755
users/9/c/kai 700
users/9/c/kai/cur 700
users/9/c/kai/new 700
users/9/c/kai/tmp 700"
verify kai 'Quartz~Lamp8' || fail "kai's password"

# The table as tinycdb sees it: keys lowercased, records in insertion order.
expect_eq "$(cdb -l "$BHOME/passwd.cdb" | sed -nE 's/^\+[0-9]+://p' | tr '\n' ' ')" \
  "mailer-daemon postmaster root greta ivar.holm ih ivar nopw deflt zero sales team kim kai " "keys"
expect_eq "$(stat -c "%a %u" "$BHOME/passwd.cdb")" "600 $BASE_UID" "table mode and owner"

run vm vadduser --help
expect_rc 0 "--help"
for o in -c,\ --msgcount=COUNT -D,\ --no-mailbox -d,\ --directory=DIR -e,\ --expiry=SECONDS \
         -f,\ --forward=ADDRESS --password=HASH -P,\ --no-password -p,\ --personal=TEXT \
         -Q,\ --hardquota=BYTES -q,\ --softquota=BYTES -z,\ --msgsize=BYTES --quiet; do
  grep -qF -- "  $o " <<<"$out" || fail "--help lacks $o"
done
exit 0
