#!/usr/bin/env bash
# A domain made by the original VMailMgr 0.97 (shared/fixtures), plus hand-
# built version-1 and legacy records, managed by our tools: vadduser into its
# hashed layout, vpasswd, vaddalias, vdeluser, vsetup. Untouched records stay
# byte for byte as tinycdb shows them.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
need python3
fx=$TOP/tests/fixtures/vmailmgr-0.97
account_domain

# The domain as the original left it (EXPECTED.md), then two hand-built
# records: vera in version 1 (mailbox, a forward, limits) and wren in the
# legacy text form (forwards only).
cp "$fx/passwd.cdb" "$fx/dot-qmail-default" "$BHOME/" && mv "$BHOME/dot-qmail-default" "$BHOME/.qmail-default"
mkdir -p "$BHOME/.vmailmgr" && cp "$fx"/dot-vmailmgr/* "$BHOME/.vmailmgr/"
for d in mailer-daemon postmaster root greta ivar:holm lena 9/c/kai vera; do mkdir -p "$BHOME/users/$d/"{cur,new,tmp}; done
mkdir -p "$BHOME/users/sales" "$BHOME/users/+"
chown -R "$BASE_UID:$BASE_UID" "$BHOME"
python3 - "$BHOME/passwd.cdb" > "$T/extra" <<'PY'
import sys
v1 = b"\x01$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.\x00./users/vera\x00vera@old.example\x00\x00Vera\x001000\x00-\x00-\x0010\x001600000000\x00-\x00"
legacy = b":wQRdmEgHFNHtA:&uma,wren@elsewhere.example"
out = sys.stdout.buffer
for k, v in ((b"vera", v1), (b"wren", legacy)):
    out.write(b"+%d,%d:%s->%s\n" % (len(k), len(v), k, v))
PY
{ cdb -d "$BHOME/passwd.cdb" | head -c -1; cat "$T/extra"; echo; } | cdb -c -t "$T/new.tmp" "$T/built.cdb" || fail "cdb -c"
cp "$T/built.cdb" "$BHOME/passwd.cdb" && chown "$BASE_UID:$BASE_UID" "$BHOME/passwd.cdb" && chmod 600 "$BHOME/passwd.cdb"
original=$(dump)

# Every tool reads the old records: a forward to the version-1 account, an
# alias (HOWTO order) to it, a new account in the hashed layout.
run_in $'Umber#Moth5\n' vm vadduser -f vera -f wren ola
expect_rc 0 "vadduser ola"
expect_err "vadduser: user 'ola' successfully added"
h=$(python3 -c 'import zlib; h = zlib.crc32(b"ola"); print("%x/%x" % (h & 15, (h >> 4) & 15))')
expect_eq "$(show | grep '^ola ')" "ola pw=YESCRYPT dir=./users/$h/ola fw=vera,wren personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1"
[ -d "$BHOME/users/$h/ola/new" ] || fail "no Maildir at users/$h/ola"
run vm vaddalias vera vv
expect_rc 0 "vaddalias vera vv"
expect_err "vaddalias: alias 'vv' successfully added, forwarding to vera"

# vpasswd on the original's record and on the version-1 one: every other
# field is kept (vera's is now written in version 2).
run_in $'Sedge 4wr  \n' vm vpasswd greta
expect_rc 0 "vpasswd greta"
expect_err "vpasswd: password for user 'greta' successfully changed."
verify greta 'Sedge 4wr' || fail "greta's new password"
verify greta 'Kestrel.Moss-42' && fail "greta's old password still verifies"
run_in $'Vera-Pass1\n' vm vpasswd VERA
expect_rc 0 "vpasswd vera"
verify vera 'Vera-Pass1' || fail "vera's new password"
expect_eq "$(show | grep -E '^(greta|vera) ')" \
"greta pw=YESCRYPT dir=./users/greta fw= personal=Greta Lindqvist (Sales) quota=5242880/4194304 size=1048576 count=500 ctime=1795315480 expiry=1826851480 mailbox=1 enabled=1
vera pw=YESCRYPT dir=./users/vera fw=vera@old.example personal=Vera quota=1000/- size=- count=10 ctime=1600000000 expiry=- mailbox=1 enabled=1"

# vdeluser: lena (mailbox, disabled), the legacy wren (no directory), and the
# original's alias sales with -D (its empty directory goes too).
run vm vdeluser lena wren
expect_rc 0 "vdeluser lena wren"
expect_err "vdeluser: user 'lena' successfully deleted
vdeluser: user 'wren' successfully deleted"
run vm vdeluser -D sales
expect_rc 0 "vdeluser -D sales"
run vm vdeluser -D kai
expect_rc 1 "vdeluser -D kai"
expect_err "vdeluser: fatal: account 'kai' has a mailbox (-D deletes only aliases)"
[ ! -e "$BHOME/users/lena" ] && [ ! -e "$BHOME/users/sales" ] || fail "directories of deleted accounts remain"
[ -d "$BHOME/users/9/c/kai/new" ] && [ -d "$BHOME/users/+" ] || fail "other directories were removed"

# vsetup: everything is there (same .qmail-default with the default prefix).
if [ "$(head -n1 "$TOP/conf-home")" = /usr/local ]; then
  run vm vsetup
  expect_rc 0 "vsetup on the fixture"
  expect_err "vsetup: nothing to do: the domain is already set up."
fi

# tinycdb: untouched records are byte for byte the original's, in place;
# greta and vera rewritten in place, new ones at the end.
expect_eq "$(dump | grep -av '^+[0-9]*,[0-9]*:\(greta\|vera\|ola\|vv\)->')" \
  "$(grep -av '^+[0-9]*,[0-9]*:\(greta\|vera\|lena\|wren\|sales\)->' <<<"$original")" "untouched records"
expect_eq "$(dump | grep -ac '^+')" 10 "records after the changes"
expect_eq "$(grep -ac '^+' <<<"$original")" 11 "records before the changes"
expect_eq "$(cdb -l "$BHOME/passwd.cdb" | sed -nE 's/^\+[0-9]+://p' | tr '\n' ' ')" \
  "mailer-daemon postmaster root greta ivar.holm + kai vera ola vv " "keys in file order"
expect_eq "$(dump | grep -a '^+2,[0-9]*:vv->')" '+2,37:vv->\x02\x0a\x00\x08\x01\x00*\x00\x00vera\x00\x00\x00-\x00-\x00-\x00-\x00NOW\x00-\x00' "vv through cdb -d"
exit 0
