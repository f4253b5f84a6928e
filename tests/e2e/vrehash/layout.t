#!/usr/bin/env bash
# vrehash moves real Maildirs (with their mail) to the layout of the current
# user-dir-bits/-slices, records them in one table update, finishes the job
# after a simulated crash, and never merges or leaves the home.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmhash 2936
fixture_domain
printf 'Subject: one\n\nfirst\n' > "$H/users/greta/new/1795315490.M1P1.host"
printf 'Subject: two\n\nsecond\n' > "$H/users/greta/cur/1795315491.M2P2.host:2,S"
printf 'Subject: kai\n\nthird\n' > "$H/users/9/c/kai/new/1795315492.M3P3.host"
chown -R "$BUID:$BUID" "$H/users"
tree() { (cd "$H" && find users -printf '%p %m\n' | sort); }
dirs() { as_base "$TOP/listvdomain" >/dev/null; for a in mailer-daemon greta ivar.holm sales + kai; do
  printf '%s=%s\n' "$a" "$(as_base "$TOP/dumpvuser" "$a" | sed -n 's/^Directory: //p')"; done; }

# The fixture's settings (bits 4, slices 2): only kai is in place.
vm vrehash
expect_rc 0 "vrehash to bits 4 slices 2"; expect_out ""
expect_err "vrehash: moved user 'mailer-daemon' from users/mailer-daemon to ./users/8/1/mailer-daemon
vrehash: moved user 'postmaster' from users/postmaster to ./users/5/a/postmaster
vrehash: moved user 'root' from users/root to ./users/b/5/root
vrehash: moved user 'greta' from ./users/greta to ./users/0/a/greta
vrehash: moved user 'ivar.holm' from ./users/ivar:holm to ./users/7/0/ivar:holm
vrehash: moved user 'lena' from ./users/lena to ./users/b/8/lena
vrehash: moved user 'sales' from ./users/sales to ./users/4/4/sales
vrehash: moved user '+' from ./users/+ to ./users/d/c/+
vrehash: 8 moved, 1 already in place."
expect_eq "$(dirs)" "mailer-daemon=./users/8/1/mailer-daemon
greta=./users/0/a/greta
ivar.holm=./users/7/0/ivar:holm
sales=./users/4/4/sales
+=./users/d/c/+
kai=./users/9/c/kai" "stored directories"
expect_file_eq "$H/users/0/a/greta/new/1795315490.M1P1.host" "Subject: one

first"
expect_file_eq "$H/users/0/a/greta/cur/1795315491.M2P2.host:2,S" "Subject: two

second"
expect_eq "$(stat -c '%a %u' "$H/users/0" "$H/users/0/a" "$H/users/0/a/greta")" "755 $BUID
755 $BUID
700 $BUID" "modes and owner of the new directories"
expect_eq "$(ls "$H/users" | paste -sd' ')" "0 4 5 7 8 9 b d" "users/ after the move"
# Everything but the directories is the original record, byte for byte.
expect_eq "$(cdb_dump "$H/passwd.cdb" | sed -n '4p')" \
  '+5,134:greta->\x02\x0a\x01\x08\x01\x00$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.\x00./users/0/a/greta\x00\x00Greta Lindqvist (Sales)\x005242880\x004194304\x001048576\x00500\x001795315480\x001826851480\x00' \
  "cdb -d of greta"
expect_eq "$(cdb_dump "$H/passwd.cdb" | sed -n '9p')" "$(cdb_dump "$FIXTURE/passwd.cdb" | sed -n '9p')" \
  "kai's record is untouched"

# Run again: nothing to do, the table is not rewritten.
sum=$(sha256sum < "$H/passwd.cdb")
vm vrehash
expect_rc 0 "second run"; expect_err "vrehash: 0 moved, 9 already in place."
expect_eq "$(sha256sum < "$H/passwd.cdb")" "$sum" "table after a run with nothing to do"

# Back to a flat layout, with a crash simulated half way: kai and greta were
# renamed but the table was never written.
echo 0 > "$H/.vmailmgr/user-dir-bits"
as_base mv users/9/c/kai users/kai || fail "mv kai"
as_base mv users/0/a/greta users/greta || fail "mv greta"
vm vrehash --quiet
expect_rc 0 "vrehash after a crash"; expect_out ""; expect_err ""
expect_eq "$(dirs)" "mailer-daemon=./users/mailer-daemon
greta=./users/greta
ivar.holm=./users/ivar:holm
sales=./users/sales
+=./users/+
kai=./users/kai" "stored directories after the crash run"
expect_eq "$(tree)" "users 755
users/+ 700
users/greta 700
users/greta/cur 755
users/greta/cur/1795315491.M2P2.host:2,S 644
users/greta/new 755
users/greta/new/1795315490.M1P1.host 644
users/greta/tmp 755
users/ivar:holm 700
users/ivar:holm/cur 755
users/ivar:holm/new 755
users/ivar:holm/tmp 755
users/kai 700
users/kai/cur 755
users/kai/new 755
users/kai/new/1795315492.M3P3.host 644
users/kai/tmp 755
users/lena 700
users/lena/cur 755
users/lena/new 755
users/lena/tmp 755
users/mailer-daemon 700
users/mailer-daemon/cur 755
users/mailer-daemon/new 755
users/mailer-daemon/tmp 755
users/postmaster 700
users/postmaster/cur 755
users/postmaster/new 755
users/postmaster/tmp 755
users/root 700
users/root/cur 755
users/root/new 755
users/root/tmp 755
users/sales 700" "the tree after the flat move: no hash directories left"
expect_file_eq "$H/users/kai/new/1795315492.M3P3.host" "Subject: kai

third"

# Two places both present: never merged; the rest still moves; exit 1.
echo 1 > "$H/.vmailmgr/user-dir-slices"
echo 4 > "$H/.vmailmgr/user-dir-bits"
as_base mkdir -p users/9/kai || fail "mkdir"
vm vrehash
expect_rc 1 "vrehash with a conflict"
expect_eq "$(grep -c '^vrehash: moved user' <<<"$err")" 8 "accounts moved despite the conflict"
[[ "$err" == *"vrehash: error: account 'kai': both ./users/kai and ./users/9/kai exist; nothing moved
vrehash: fatal: 1 account could not be moved" ]] || fail "conflict messages: $err"
expect_eq "$(as_base "$TOP/dumpvuser" kai | sed -n 's/^Directory: //p')" ./users/kai "kai stays"
expect_eq "$(as_base "$TOP/dumpvuser" greta | sed -n 's/^Directory: //p')" ./users/0/greta "greta moved"
[ -e "$H/users/kai/new/1795315492.M3P3.host" ] || fail "kai's mail moved"
as_base rmdir users/9/kai || fail "rmdir"
vm vrehash
expect_rc 0 "after the conflict is gone"
expect_err "vrehash: moved user 'kai' from ./users/kai to ./users/9/kai
vrehash: 1 moved, 8 already in place."

# A directory outside the home, one outside user-dir (the settings!) and a
# missing one are left alone, with a warning.
mkdir -p "$T/elsewhere/out"
"$TOOLS/mkrecords" "$T/extra.cdb" \
  out "\\x02\\x0a\\x01\\x08\\x01\\x00*\\x00$T/elsewhere/out\\x00\\x00\\x00-\\x00-\\x00-\\x00-\\x001\\x00-\\x00" \
  gone '\x02\x0a\x01\x08\x01\x00*\x00./users/gone\x00\x00\x00-\x00-\x00-\x00-\x001\x00-\x00' \
  conf '\x02\x0a\x01\x08\x01\x00*\x00./.vmailmgr\x00\x00\x00-\x00-\x00-\x00-\x001\x00-\x00' || fail mkrecords
install -o "$BUID" -g "$BUID" -m 600 "$T/extra.cdb" "$H/passwd.cdb"
vm vrehash
expect_rc 0 "outside and missing"
expect_err "vrehash: warning: account 'out': directory $T/elsewhere/out is not inside the base home; left alone
vrehash: warning: account 'gone': directory ./users/gone is missing; left alone
vrehash: warning: account 'conf': directory ./.vmailmgr is not under user-dir $H/users; left alone
vrehash: 0 moved, 0 already in place."
[ -d "$T/elsewhere/out" ] || fail "the outside directory was touched"
[ -d "$H/.vmailmgr" ] || fail "the settings directory was moved"

# A layout setting that makes no sense stops before anything moves.
fixture_domain
echo 40 > "$H/.vmailmgr/user-dir-bits"
before=$(state)
vm vrehash
expect_rc 1 "bad layout"
expect_err "vrehash: fatal: setting user-dir-bits is 40, at most 32 makes sense"
expect_eq "$(state)" "$before" "domain after a bad layout"
exit 0
