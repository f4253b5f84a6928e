#!/usr/bin/env bash
# listvdomain on the table written by VMailMgr 0.97 prints exactly what the
# original printed (EXPECTED.md), in all three forms; names, bad records and
# bad input are reported on stderr.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmlist 2931
fixture_domain

all='User Mailbox Aliases
mailer-daemon Yes postmaster@
postmaster Yes postmaster@
root Yes postmaster@
greta Yes
ivar.holm Yes
lena Yes(disabled) lena@home.example
sales No greta orders@partner.example
+ No ivar.holm
kai Yes'
users='User Mailbox Aliases
mailer-daemon Yes postmaster@
postmaster Yes postmaster@
root Yes postmaster@
greta Yes
ivar.holm Yes
lena Yes(disabled) lena@home.example
kai Yes'
aliases='User Mailbox Aliases
sales No greta orders@partner.example
+ No ivar.holm'

before=$(state)
vm listvdomain
expect_rc 0 "listvdomain"; expect_out "$all"; expect_err ""
vm listvdomain -u
expect_rc 0 "listvdomain -u"; expect_out "$users"; expect_err ""
vm listvdomain --users
expect_rc 0 "listvdomain --users"; expect_out "$users"
vm listvdomain -a
expect_rc 0 "listvdomain -a"; expect_out "$aliases"; expect_err ""
vm listvdomain --aliases
expect_rc 0 "listvdomain --aliases"; expect_out "$aliases"
# Byte for byte, trailing newline included.
as_base "$TOP/listvdomain" > "$T/list.out" || fail "listvdomain to a file"
expect_eq "$(od -An -c "$T/list.out" | tail -n2 | tr -s ' ')" "$(printf '%s\n' "$all" | od -An -c | tail -n2 | tr -s ' ')" "last bytes"
expect_eq "$(wc -c < "$T/list.out")" "$(printf '%s\n' "$all" | wc -c)" "size of the listing"

# Named accounts: in the order given, lowercased; the filter still applies.
vm listvdomain KAI Sales greta
expect_rc 0 "listvdomain names"
expect_out "User Mailbox Aliases
kai Yes
sales No greta orders@partner.example
greta Yes"
vm listvdomain -a kai +
expect_rc 0 "listvdomain -a names"; expect_out "User Mailbox Aliases
+ No ivar.holm"

# Unknown and invalid names: the rest is listed, each problem reported, exit 1.
vm listvdomain lena nobody 'bad name'
expect_rc 1 "listvdomain with unknown names"
expect_out "User Mailbox Aliases
lena Yes(disabled) lena@home.example"
expect_err "listvdomain: error: account 'nobody' does not exist
listvdomain: error: invalid account name 'bad name': it contains a space
listvdomain: fatal: 2 accounts could not be listed"

# Usage errors: exit 2.
vm listvdomain -a -u
expect_rc 2 "listvdomain -a -u"
expect_err "listvdomain: -a and -u exclude each other
listvdomain: usage: listvdomain [-a|-u] [-l] [-n DATE] [NAME]..."
vm listvdomain -x
expect_rc 2 "listvdomain -x"
expect_err "listvdomain: unknown option '-x'
listvdomain: usage: listvdomain [-a|-u] [-l] [-n DATE] [NAME]..."
vm listvdomain --version
expect_rc 0 "--version"; expect_out "listvdomain (vmailmgr) $(head -n1 "$TOP/VERSION")"
vm listvdomain --help
expect_rc 0 "--help"
[[ "$out" == "usage: listvdomain [-a|-u] [-l] [-n DATE] [NAME]..."* ]] || fail "--help: $out"
expect_eq "$(state)" "$before" "listing changed the domain"

# Unreadable table, missing HOME: exit 1 with the reason.
chmod 000 "$H/passwd.cdb"
vm listvdomain
expect_rc 1 "unreadable table"; expect_out ""
expect_err "listvdomain: fatal: unable to open $H/passwd.cdb: Permission denied"
chmod 600 "$H/passwd.cdb"
run in_sandbox setpriv --reuid "$BUID" --regid "$BUID" --init-groups env -i -C "$H" "$TOP/listvdomain"
expect_rc 1 "no HOME"; expect_err "listvdomain: fatal: HOME is not set"
run in_sandbox setpriv --reuid "$BUID" --regid "$BUID" --init-groups env -i -C "$H" HOME="$H/missing" "$TOP/listvdomain"
expect_rc 1 "missing HOME"
expect_err "listvdomain: fatal: unable to find home directory $H/missing: No such file or directory"

# A record that does not decode: reported with its name, the listing goes on.
"$TOOLS/mkrecords" "$H/passwd.cdb" amy '\x02\x0a\x01\x08\x01\x00*\x00./users/amy\x00\x00\x00-\x00-\x00-\x00-\x001\x00-\x00' \
  bad '\x05junk' zed ':pw:&amy,zed@x.example' || fail "mkrecords"
chown "$BUID:$BUID" "$H/passwd.cdb"
vm listvdomain
expect_rc 1 "listing with a bad record"
expect_out "User Mailbox Aliases
amy Yes
zed No amy zed@x.example"
expect_err "listvdomain: error: account 'bad': unknown record version byte 0x05
listvdomain: fatal: 1 account could not be listed"
exit 0
