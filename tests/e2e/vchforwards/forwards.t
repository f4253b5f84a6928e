#!/usr/bin/env bash
# vchforwards replaces an account's forward list, clears it with no DEST, and
# refuses bad destinations and unknown accounts without changing anything.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmfwd 2935
fixture_domain

forwards() { as_base "$TOP/dumpvuser" "$1" | sed -n 's/^Forward: //p' | paste -sd' '; }

vm vchforwards sales Kai orders@Partner.Example x@
expect_rc 0 "set"; expect_out ""
expect_err "vchforwards: forwards for user 'sales' successfully changed."
expect_eq "$(forwards sales)" "kai orders@Partner.Example x@" "forwards of sales"
expect_eq "$(cdb_dump "$H/passwd.cdb" | grep '^+5,[0-9]*:sales->')" \
  '+5,75:sales->\x02\x0a\x00\x08\x01\x00*\x00./users/sales\x00kai\x00orders@Partner.Example\x00x@\x00\x00\x00-\x00-\x00-\x00-\x001795315483\x00-\x00' \
  "cdb -d of sales"

vm vchforwards GRETA ivar.holm
expect_rc 0 "set on a mailbox account"
expect_err "vchforwards: forwards for user 'greta' successfully changed."
vm listvdomain greta
expect_out "User Mailbox Aliases
greta Yes ivar.holm"

# No DEST clears the list; an alias left with nothing gets a warning.
vm vchforwards lena
expect_rc 0 "clear"; expect_err "vchforwards: forwards for user 'lena' cleared."
expect_eq "$(forwards lena)" "" "forwards of lena"
vm vchforwards --quiet +
expect_rc 0 "clear an alias"
expect_err "vchforwards: warning: user '+' has neither a mailbox nor forwards: mail to it bounces"
vm listvdomain
expect_out "User Mailbox Aliases
mailer-daemon Yes postmaster@
postmaster Yes postmaster@
root Yes postmaster@
greta Yes ivar.holm
ivar.holm Yes
lena Yes(disabled)
sales No kai orders@Partner.Example x@
+ No
kai Yes"

# Bad input changes nothing.
before=$(state)
bad() {  # bad RC STDERR ARG...
  local want_rc=$1 want_err=$2; shift 2
  vm vchforwards "$@"
  expect_rc "$want_rc" "vchforwards $*"; expect_out ""
  expect_err "$want_err" "stderr of vchforwards $*"
  expect_eq "$(state)" "$before" "domain after vchforwards $*"
}
bad 1 "vchforwards: fatal: invalid forward 'nobody': it is neither an address (local@domain) nor an account of this domain" sales greta nobody
bad 1 "vchforwards: fatal: invalid forward 'a@b@c': it contains more than one '@'" sales a@b@c
bad 1 "vchforwards: fatal: invalid forward '@b.example': the part before '@' is empty" sales @b.example
bad 1 "vchforwards: fatal: invalid forward 'a b@c': it contains whitespace or a control character" sales 'a b@c'
bad 1 "vchforwards: fatal: invalid forward 'Sales': it is the account itself" sales Sales
bad 1 "vchforwards: fatal: account 'nobody' does not exist" nobody a@b.example
bad 1 "vchforwards: fatal: invalid account name '.x': it starts with '.'" .x a@b.example
bad 2 "vchforwards: missing account name
vchforwards: usage: vchforwards [OPTION]... NAME [DEST]..."
bad 2 "vchforwards: unknown option '-f'
vchforwards: usage: vchforwards [OPTION]... NAME [DEST]..." -f a@b sales
exit 0
