#!/usr/bin/env bash
# vupgrade imports the legacy text passwd file of EXPECTED.md into a new
# passwd.cdb in one update (as the original did, except that a forward-only
# account gets no directory), leaves the text file in place, and succeeds
# again, changing nothing, when run a second time.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmold 2937
install -o "$BUID" -g "$BUID" -m 600 "$FIXTURE/legacy-passwd" "$H/passwd"

vm vupgrade
expect_rc 0 "vupgrade"; expect_out ""
expect_err "vupgrade: imported 3 accounts from $H/passwd into $H/passwd.cdb"
expect_eq "$(stat -c '%a %u' "$H/passwd.cdb")" "600 $BUID" "mode and owner of the table"
cmp -s "$H/passwd" "$FIXTURE/legacy-passwd" || fail "the text file was changed"
# Nothing is created on disk: no users/, no directory for the alias.
expect_eq "$(cd "$H" && find . | sort | paste -sd' ')" ". ./passwd ./passwd.cdb ./passwd.lock" "home after vupgrade"

# tinycdb reads it: uma and vito exactly as the original stored them...
dump=$(cdb_dump "$H/passwd.cdb")
expect_eq "$(sed -n 1p <<<"$dump")" "$(grep -F '+3,67:uma->' "$FIXTURE/EXPECTED.md")" "cdb -d of uma"
expect_eq "$(sed -n 2p <<<"$dump")" "$(grep -F '+4,67:vito->' "$FIXTURE/EXPECTED.md")" "cdb -d of vito"
[ -n "$(grep -F '+3,67:uma->' "$FIXTURE/EXPECTED.md")" ] || fail "uma's line is not in EXPECTED.md"
# ...and wren (forwards only) without the directory the original invented.
expect_eq "$(sed -n 3p <<<"$dump")" \
  '+4,62:wren->\x02\x0a\x00\x08\x01\x00wQRdmEgHFNHtA\x00\x00uma\x00wren@elsewhere.example\x00\x00\x00-\x00-\x00-\x00-\x000\x00-\x00' \
  "cdb -d of wren"
expect_eq "$(wc -l <<<"$dump")" 3 "records in the table"

vm dumpvuser uma
expect_rc 0 "dumpvuser uma"
expect_out 'Name: uma
Encrypted-Password: $1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.
Directory: ./users/uma
Hard-Quota: N/A
Soft-Quota: N/A
Message-Size-Limit: N/A
Message-Count-Limit: N/A
Creation-Time: 0
Expiry-Time: N/A
Has-Mailbox: true
Mailbox-Enabled: true
Personal: '
vm dumpvuser vito
expect_rc 0 "dumpvuser vito"
expect_out 'Name: vito
Encrypted-Password: 33549e0d9efe8e9012299414dfbf2af9e
Directory: ./users/vito
Hard-Quota: N/A
Soft-Quota: N/A
Message-Size-Limit: N/A
Message-Count-Limit: N/A
Creation-Time: 0
Expiry-Time: N/A
Has-Mailbox: true
Mailbox-Enabled: true
Personal: '
vm listvdomain
expect_rc 0 "listvdomain"
expect_out "User Mailbox Aliases
uma Yes
vito Yes
wren No uma wren@elsewhere.example"

# Again (the original failed here): exit 0, the table byte for byte the same.
sum=$(sha256sum < "$H/passwd.cdb")
vm vupgrade
expect_rc 0 "second vupgrade"
expect_err "vupgrade: warning: the text file $H/passwd is not imported: $H/passwd.cdb exists
vupgrade: every record is already version 2; nothing changed."
expect_eq "$(sha256sum < "$H/passwd.cdb")" "$sum" "table after the second run"
vm vupgrade --quiet
expect_rc 0 "third vupgrade, quiet"
expect_err "vupgrade: warning: the text file $H/passwd is not imported: $H/passwd.cdb exists"

# A text file with bad lines: every one reported by number, nothing imported.
rm -f "$H/passwd.cdb"
printf '%s\n' 'uma:$1$x$y:./users/uma' 'broken' '' '# note' 'Uma:pw:./users/other' 'ok:pw:a@b@c' \
  'al:*:&uma' | install -o "$BUID" -g "$BUID" -m 600 /dev/stdin "$H/passwd"
before=$(state)
vm vupgrade
expect_rc 1 "bad lines"; expect_out ""
expect_err "vupgrade: error: $H/passwd: line 2: legacy entry has no ':' after the name
vupgrade: error: $H/passwd: line 5: account 'uma' is already on line 1
vupgrade: error: $H/passwd: line 6: invalid forward 'a@b@c': it contains more than one '@'
vupgrade: fatal: nothing imported: 3 bad line(s) in $H/passwd"
expect_eq "$(state)" "$before" "home after a failed import"
[ ! -e "$H/passwd.cdb" ] || fail "a table was written"

# Neither a table nor a text file.
rm -f "$H/passwd"
vm vupgrade
expect_rc 1 "nothing to upgrade"
expect_err "vupgrade: fatal: nothing to upgrade: neither $H/passwd.cdb nor $H/passwd exists"
vm vupgrade extra
expect_rc 2 "operand"
expect_err "vupgrade: unexpected operand 'extra'
vupgrade: usage: vupgrade [--quiet]"
exit 0
