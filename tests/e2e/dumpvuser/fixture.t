#!/usr/bin/env bash
# dumpvuser on the table written by VMailMgr 0.97 prints, for each of its 9
# accounts, exactly what the original printed (EXPECTED.md) and then the
# Personal line 0.97 left out (SPEC §13); errors are reported with the
# account name.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmdump 2932
fixture_domain
before=$(state)

n=0
for name in mailer-daemon postmaster root greta ivar.holm lena sales + kai; do
  want=$(expected_block "\`dumpvuser $name\`:")
  [ -n "$want" ] || fail "no dumpvuser $name block in EXPECTED.md"
  personal=; [ "$name" = greta ] && personal='Greta Lindqvist (Sales)'
  want="$want"$'\n'"Personal: $personal"
  vm dumpvuser "$name"
  expect_rc 0 "dumpvuser $name"; expect_out "$want" "dumpvuser $name"; expect_err ""
  n=$((n + 1))
done
expect_eq "$n" 9 "accounts dumped"
# One of them spelled out here too, and byte for byte with its final newline.
as_base "$TOP/dumpvuser" GRETA > "$T/greta" || fail "dumpvuser GRETA"
printf '%s\n' 'Name: greta' 'Encrypted-Password: $1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.' \
  'Directory: ./users/greta' 'Hard-Quota: 5242880' 'Soft-Quota: 4194304' \
  'Message-Size-Limit: 1048576' 'Message-Count-Limit: 500' 'Creation-Time: 1795315480' \
  'Expiry-Time: 1826851480' 'Has-Mailbox: true' 'Mailbox-Enabled: true' \
  'Personal: Greta Lindqvist (Sales)' > "$T/want"
cmp "$T/greta" "$T/want" || fail "dumpvuser GRETA differs: $(cat "$T/greta")"

# Errors: unknown, invalid, missing or extra operands.
vm dumpvuser nobody
expect_rc 1 "unknown account"; expect_out ""; expect_err "dumpvuser: fatal: account 'nobody' does not exist"
vm dumpvuser 'a:b'
expect_rc 1 "invalid name"; expect_err "dumpvuser: fatal: invalid account name 'a:b': it contains ':'"
vm dumpvuser
expect_rc 2 "no operand"
expect_err "dumpvuser: missing account name
dumpvuser: usage: dumpvuser NAME"
vm dumpvuser greta kai
expect_rc 2 "two operands"
expect_err "dumpvuser: unexpected operand 'kai'
dumpvuser: usage: dumpvuser NAME"
vm dumpvuser -q greta
expect_rc 2 "unknown option"; expect_err "dumpvuser: unknown option '-q'
dumpvuser: usage: dumpvuser NAME"
expect_eq "$(state)" "$before" "dumpvuser changed the domain"

# Version-1 and legacy records are read; a broken one is named.
"$TOOLS/mkrecords" "$H/passwd.cdb" \
  old '\x01$1$abc$def\x00./users/old\x00a@b.example\x00\x00Old Timer\x00100\x00-\x000\x00-\x001600000000\x00-\x00' \
  text ':pw:&old,c@d.example' bad '\x02\x0a\x07\x00pw\x00' || fail "mkrecords"
chown "$BUID:$BUID" "$H/passwd.cdb"
vm dumpvuser old
expect_rc 0 "dumpvuser of a version-1 record"
expect_out 'Name: old
Encrypted-Password: $1$abc$def
Directory: ./users/old
Forward: a@b.example
Hard-Quota: 100
Soft-Quota: N/A
Message-Size-Limit: 0
Message-Count-Limit: N/A
Creation-Time: 1600000000
Expiry-Time: N/A
Has-Mailbox: true
Mailbox-Enabled: true
Personal: Old Timer'
vm dumpvuser text
expect_rc 0 "dumpvuser of a legacy record"
expect_out 'Name: text
Encrypted-Password: pw
Directory: 
Forward: old
Forward: c@d.example
Hard-Quota: N/A
Soft-Quota: N/A
Message-Size-Limit: N/A
Message-Count-Limit: N/A
Creation-Time: 0
Expiry-Time: N/A
Has-Mailbox: false
Mailbox-Enabled: true
Personal: '
vm dumpvuser bad
expect_rc 1 "dumpvuser of a broken record"; expect_out ""
expect_err "dumpvuser: fatal: account 'bad': bad value 7 for flag 10 in record"
exit 0
