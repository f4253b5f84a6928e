#!/usr/bin/env bash
# A domain made of hand-built version-1 and legacy records (and one with a
# capital in its key, as other tools wrote them): every tool of ours reads
# it, changes it record by record, and vupgrade converts the rest.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmmix 2938
N='\x00'
"$TOOLS/mkrecords" "$H/passwd.cdb" \
  joe "\\x01\$1\$abc\$def${N}./users/joe${N}${N}${N}-${N}-${N}-${N}-${N}1600000000${N}-${N}" \
  ann "\\x01pwann${N}./users/ann${N}x@y.example${N}${N}Ann Lee${N}1000${N}500${N}-${N}10${N}1600000001${N}1900000000${N}" \
  fwd "\\x01*${N}${N}joe${N}ann${N}${N}${N}-${N}-${N}-${N}-${N}1600000002${N}-${N}" \
  leg ':pwleg:./users/leg' \
  lal ':*:&joe,z@q.example' \
  Mix "\\x01pwmix${N}./users/mix${N}${N}${N}-${N}-${N}-${N}-${N}1600000004${N}-${N}" \
  v2 "\\x02\\x0a\\x01\\x08\\x01${N}pwv2${N}./users/v2${N}${N}${N}-${N}-${N}-${N}-${N}1600000003${N}-${N}" \
  || fail "mkrecords"
for d in joe ann leg mix v2; do mkdir -p "$H/users/$d/cur" "$H/users/$d/new" "$H/users/$d/tmp"; done
printf 'Subject: old\n\nkept\n' > "$H/users/joe/new/1600000100.M1P1.host"
chown -R "$BUID:$BUID" "$H"
chmod 600 "$H/passwd.cdb"

# Read by every tool.
vm listvdomain
expect_rc 0 "listvdomain"; expect_err ""
expect_out "User Mailbox Aliases
joe Yes
ann Yes x@y.example
fwd No joe ann
leg Yes
lal No joe z@q.example
Mix Yes
v2 Yes"
vm listvdomain -a
expect_out "User Mailbox Aliases
fwd No joe ann
lal No joe z@q.example"
vm dumpvuser ann
expect_rc 0 "dumpvuser ann"
expect_out 'Name: ann
Encrypted-Password: pwann
Directory: ./users/ann
Forward: x@y.example
Hard-Quota: 1000
Soft-Quota: 500
Message-Size-Limit: N/A
Message-Count-Limit: 10
Creation-Time: 1600000001
Expiry-Time: 1900000000
Has-Mailbox: true
Mailbox-Enabled: true
Personal: Ann Lee'
vm dumpvuser lal
expect_rc 0 "dumpvuser lal"
expect_out 'Name: lal
Encrypted-Password: *
Directory: 
Forward: joe
Forward: z@q.example
Hard-Quota: N/A
Soft-Quota: N/A
Message-Size-Limit: N/A
Message-Count-Limit: N/A
Creation-Time: 0
Expiry-Time: N/A
Has-Mailbox: false
Mailbox-Enabled: true
Personal: '
vm dumpvuser Mix
expect_rc 1 "dumpvuser Mix: the key is not lowercase"
expect_err "dumpvuser: fatal: account 'mix' does not exist"

# vchattr and vchforwards rewrite only the record they change, in version 2.
before=$(cdb_dump "$H/passwd.cdb")
vm vchattr -E 0 -q 0 ann
expect_rc 0 "vchattr on a version-1 record"
vm vchforwards lal fwd leg
expect_rc 0 "vchforwards on a legacy record"
after=$(cdb_dump "$H/passwd.cdb")
expect_eq "$(diff <(echo "$before") <(echo "$after") | grep '^[<>]')" \
"< +3,76:ann->\\x01pwann\\x00./users/ann\\x00x@y.example\\x00\\x00Ann Lee\\x001000\\x00500\\x00-\\x0010\\x001600000001\\x001900000000\\x00
> +3,79:ann->\\x02\\x0a\\x01\\x08\\x00\\x00pwann\\x00./users/ann\\x00x@y.example\\x00\\x00Ann Lee\\x001000\\x000\\x00-\\x0010\\x001600000001\\x001900000000\\x00
< +3,19:lal->:*:&joe,z@q.example
> +3,31:lal->\\x02\\x0a\\x00\\x08\\x01\\x00*\\x00\\x00fwd\\x00leg\\x00\\x00\\x00-\\x00-\\x00-\\x00-\\x000\\x00-\\x00" \
  "the two changed records"

# vrehash moves the directories of old records too; the capital key waits.
mkdir -p "$H/.vmailmgr"
echo 4 > "$H/.vmailmgr/user-dir-bits"
echo 1 > "$H/.vmailmgr/user-dir-slices"
chown -R "$BUID:$BUID" "$H/.vmailmgr"
vm vrehash
expect_rc 1 "vrehash with a capital key"
expect_err "vrehash: moved user 'joe' from ./users/joe to ./users/b/joe
vrehash: moved user 'ann' from ./users/ann to ./users/3/ann
vrehash: moved user 'leg' from ./users/leg to ./users/f/leg
vrehash: moved user 'v2' from ./users/v2 to ./users/f/v2
vrehash: error: account 'Mix': the name has capital letters; run vupgrade first
vrehash: fatal: 1 account could not be moved"
expect_file_eq "$H/users/b/joe/new/1600000100.M1P1.host" "Subject: old

kept"

# vupgrade converts what is left: fwd (version 1) and Mix (its key lowercased).
vm vupgrade
expect_rc 0 "vupgrade"
expect_err "vupgrade: 2 accounts converted to version 2, 5 already current."
expect_eq "$(cdb_dump "$H/passwd.cdb")" "$(cat <<'END'
+3,54:joe->\x02\x0a\x01\x08\x01\x00$1$abc$def\x00./users/b/joe\x00\x00\x00-\x00-\x00-\x00-\x001600000000\x00-\x00
+3,81:ann->\x02\x0a\x01\x08\x00\x00pwann\x00./users/3/ann\x00x@y.example\x00\x00Ann Lee\x001000\x000\x00-\x0010\x001600000001\x001900000000\x00
+3,40:fwd->\x02\x0a\x00\x08\x01\x00*\x00\x00joe\x00ann\x00\x00\x00-\x00-\x00-\x00-\x001600000002\x00-\x00
+3,40:leg->\x02\x0a\x01\x08\x01\x00pwleg\x00./users/f/leg\x00\x00\x00-\x00-\x00-\x00-\x000\x00-\x00
+3,31:lal->\x02\x0a\x00\x08\x01\x00*\x00\x00fwd\x00leg\x00\x00\x00-\x00-\x00-\x00-\x000\x00-\x00
+3,47:mix->\x02\x0a\x01\x08\x01\x00pwmix\x00./users/mix\x00\x00\x00-\x00-\x00-\x00-\x001600000004\x00-\x00
+2,47:v2->\x02\x0a\x01\x08\x01\x00pwv2\x00./users/f/v2\x00\x00\x00-\x00-\x00-\x00-\x001600000003\x00-\x00
END
)" "cdb -d after vupgrade"
vm dumpvuser MIX
expect_rc 0 "dumpvuser MIX after vupgrade"
sum=$(sha256sum < "$H/passwd.cdb")
vm vupgrade
expect_rc 0 "vupgrade again"; expect_err "vupgrade: every record is already version 2; nothing changed."
expect_eq "$(sha256sum < "$H/passwd.cdb")" "$sum" "table after vupgrade again"
vm vrehash --quiet
expect_rc 0 "vrehash after vupgrade"; expect_err ""
vm listvdomain
expect_out "User Mailbox Aliases
joe Yes
ann Yes(disabled) x@y.example
fwd No joe ann
leg Yes
lal No fwd leg
mix Yes
v2 Yes"
vm dumpvuser mix
expect_eq "$(sed -n 's/^Directory: //p' <<<"$out")" ./users/1/mix "mix moved by the last vrehash"

# A record that does not decode is reported and left as it is, the rest converted.
"$TOOLS/mkrecords" "$T/bad.cdb" a '\x01pw\x00\x00\x00\x00-\x00-\x00-\x00-\x00-\x00-\x00' bad '\x09' || fail mkrecords
install -o "$BUID" -g "$BUID" -m 600 "$T/bad.cdb" "$H/passwd.cdb"
vm vupgrade
expect_rc 1 "vupgrade with a bad record"
expect_err "vupgrade: 1 account converted to version 2, 0 already current.
vupgrade: error: account 'bad': unknown record version byte 0x09; left as it is
vupgrade: fatal: 1 account could not be converted"
expect_eq "$(cdb_dump "$H/passwd.cdb")" \
'+1,24:a->\x02\x0a\x00\x08\x01\x00pw\x00\x00\x00\x00-\x00-\x00-\x00-\x00-\x00-\x00
+3,1:bad->\x09' "cdb -d after vupgrade with a bad record"
exit 0
