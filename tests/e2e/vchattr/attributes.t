#!/usr/bin/env bash
# vchattr sets each attribute (short and long options, an explicit 0 too) on
# every named account in one table update; bad input changes nothing.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmattr 2934
fixture_domain

field() { as_base "$TOP/dumpvuser" "$1" | sed -n "s/^$2: //p"; }

# Every option, with an explicit 0 where it takes a number.
for case in "-c Message-Count-Limit" "-q Soft-Quota" "-Q Hard-Quota" "-z Message-Size-Limit" \
            "-e Expiry-Time"; do
  set -- $case
  vm vchattr "$1" 0 greta
  expect_rc 0 "vchattr $1 0"; expect_out ""
  expect_err "vchattr: attribute for user 'greta' successfully changed."
  expect_eq "$(field greta "$2")" 0 "$2 after vchattr $1 0"
  vm vchattr "$1" 12345 greta
  expect_rc 0 "vchattr $1 12345"
  expect_eq "$(field greta "$2")" 12345 "$2 after vchattr $1 12345"
  vm vchattr "$1" - greta
  expect_rc 0 "vchattr $1 -"
  expect_eq "$(field greta "$2")" N/A "$2 after vchattr $1 -"
done
for case in "msgcount Message-Count-Limit" "softquota Soft-Quota" "hardquota Hard-Quota" \
            "msgsize Message-Size-Limit" "expiry Expiry-Time"; do
  set -- $case
  vm vchattr "--$1=0" kai
  expect_rc 0 "vchattr --$1=0"
  expect_eq "$(field kai "$2")" 0 "$2 after --$1=0"
  vm vchattr "--$1" 77 kai
  expect_rc 0 "vchattr --$1 77"
  expect_eq "$(field kai "$2")" 77 "$2 after --$1 77"
done
vm vchattr -E 1 lena
expect_rc 0 "vchattr -E 1"; expect_eq "$(field lena Mailbox-Enabled)" true "enabled"
vm vchattr --enabled=0 lena
expect_rc 0 "vchattr --enabled=0"; expect_eq "$(field lena Mailbox-Enabled)" false "disabled"
vm listvdomain lena
expect_out "User Mailbox Aliases
lena Yes(disabled) lena@home.example"
vm vchattr -p 'Lena Berg' lena
expect_rc 0 "vchattr -p"
vm vchattr --personal='Ivar Holm, Sales' ivar.holm
expect_rc 0 "vchattr --personal"
# The personal text is stored (dumpvuser does not show it, as in 0.97).
cdb -q "$H/passwd.cdb" lena | tr '\0' '|' | grep -q '|Lena Berg|' || fail "personal of lena not stored"
cdb -q "$H/passwd.cdb" ivar.holm | tr '\0' '|' | grep -q '|Ivar Holm, Sales|' || fail "personal of ivar.holm"

# Several accounts and several attributes in one run, names lowercased.
vm vchattr -c 5 -z 1000 GRETA Kai root
expect_rc 0 "vchattr several"
expect_err "vchattr: attributes for user 'greta' successfully changed.
vchattr: attributes for user 'kai' successfully changed.
vchattr: attributes for user 'root' successfully changed."
for a in greta kai root; do
  expect_eq "$(field $a Message-Count-Limit)/$(field $a Message-Size-Limit)" 5/1000 "limits of $a"
done
vm vchattr --quiet -c 6 greta
expect_rc 0 "--quiet"; expect_err ""; expect_eq "$(field greta Message-Count-Limit)" 6 "quiet change"

# The records keep everything else and their place; the table stays 0600.
expect_eq "$(cdb_dump "$H/passwd.cdb")" "$(cat <<'END'
+13,63:mailer-daemon->\x02\x0a\x01\x08\x01\x00*\x00users/mailer-daemon\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x001795315478\x00-\x00
+10,60:postmaster->\x02\x0a\x01\x08\x01\x00*\x00users/postmaster\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x001795315478\x00-\x00
+4,57:root->\x02\x0a\x01\x08\x01\x00*\x00users/root\x00postmaster@\x00\x00\x00-\x00-\x001000\x005\x001795315478\x00-\x00
+5,104:greta->\x02\x0a\x01\x08\x01\x00$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.\x00./users/greta\x00\x00Greta Lindqvist (Sales)\x00-\x00-\x001000\x006\x001795315480\x00-\x00
+9,98:ivar.holm->\x02\x0a\x01\x08\x01\x00$1$MEImtMth$l3PI0UVGSfAzGMLWruMUW1\x00./users/ivar:holm\x00\x00Ivar Holm, Sales\x00-\x00-\x00-\x00-\x001795315481\x00-\x00
+4,104:lena->\x02\x0a\x01\x08\x00\x00$1$YYSmCrpr$MJ8S2gtOa.vliu8QLLKip/\x00./users/lena\x00lena@home.example\x00\x00Lena Berg\x00-\x00-\x00-\x00-\x001795315482\x00-\x00
+5,74:sales->\x02\x0a\x00\x08\x01\x00*\x00./users/sales\x00greta\x00orders@partner.example\x00\x00\x00-\x00-\x00-\x00-\x001795315483\x00-\x00
+1,51:+->\x02\x0a\x00\x08\x01\x00*\x00./users/+\x00ivar.holm\x00\x00\x00-\x00-\x00-\x00-\x001795315484\x00-\x00
+3,86:kai->\x02\x0a\x01\x08\x01\x00$1$gdK.CO6A$WMtK/xropxwIkiFPXK4J71\x00./users/9/c/kai\x00\x00\x0077\x0077\x001000\x005\x001795315486\x0077\x00
END
)" "cdb -d after the changes"
expect_eq "$(stat -c %a "$H/passwd.cdb")" 600 "mode of the table"

# Bad input: exit 1 (bad value, unknown or invalid account) or 2 (syntax);
# the table and every directory stay exactly as they were.
before=$(state)
bad() {  # bad RC STDERR ARG...
  local want_rc=$1 want_err=$2; shift 2
  vm vchattr "$@"
  expect_rc "$want_rc" "vchattr $*"; expect_out "" "stdout of vchattr $*"
  expect_err "$want_err" "stderr of vchattr $*"
  expect_eq "$(state)" "$before" "domain after vchattr $*"
}
usage='vchattr: usage: vchattr OPTION VALUE [OPTION VALUE]... NAME...'
bad 1 "vchattr: fatal: bad soft quota 'abc': not a number (digits, or - for unlimited)" -q abc greta
bad 1 "vchattr: fatal: bad hard quota '-1': not a number (digits, or - for unlimited)" -Q -1 greta
bad 1 "vchattr: fatal: bad message size '': empty" -z '' greta
bad 1 "vchattr: fatal: bad message count '1k': not a number (digits, or - for unlimited)" --msgcount=1k greta
bad 1 "vchattr: fatal: bad expiry time 'never': not a number (digits, or - for unlimited)" -e never greta
bad 1 "vchattr: fatal: bad expiry time '9223372036854775808': too large" -e 9223372036854775808 greta
bad 1 "vchattr: fatal: bad expiry time '18446744073709551615': too large" -e 18446744073709551615 greta
bad 1 "vchattr: fatal: bad mailbox enabled value 'yes': use 0 or 1" -E yes greta
bad 1 "vchattr: fatal: bad personal information: it contains a control character" -p "$(printf 'a\tb')" greta
bad 1 "vchattr: fatal: account 'nobody' does not exist" -c 0 greta nobody kai
bad 1 "vchattr: fatal: invalid account name 'a/b': it contains '/'" -c 0 greta a/b
bad 2 "vchattr: no attribute to change
$usage" greta
bad 2 "vchattr: missing account name
$usage" -c 0
bad 2 "vchattr: option '-c' needs an argument
$usage" -c
bad 2 "vchattr: unknown option '-x'
$usage" -x 1 greta
bad 2 "vchattr: unknown option '--colour'
$usage" --colour=1 greta

# An unreadable table: exit 1, nothing written.
chmod 000 "$H/passwd.cdb"
vm vchattr -c 1 greta
expect_rc 1 "unreadable table"
expect_err "vchattr: fatal: unable to open $H/passwd.cdb: Permission denied"
chmod 600 "$H/passwd.cdb"
expect_eq "$(state)" "$before" "domain after the unreadable table"
exit 0
