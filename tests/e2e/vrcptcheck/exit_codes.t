# vrcptcheck as root in the sandbox: 0 for an address vdeliver would take
# (or one that is not ours to judge), 100 for one it would refuse, 111 when
# it cannot tell; the address as the operand, from $RECIPIENT (RCPTCHECK
# patches) or $SMTPRCPTTO (qmail-spp, --spp, with its answer on stdout).
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/lookup_world.sh"
lookup_world

# rc ADDRESS: vrcptcheck ADDRESS as root, as qmail-smtpd would run it (no
# variables of ours but VMAILMGR_ETC).
rc() { run in_sandbox env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" "$TOP/vrcptcheck" "$@"; }
check() {  # check CODE ADDRESS
  rc "$2"
  expect_rc "$1" "vrcptcheck $2"
  expect_out "" "stdout for $2"
  [ "$1" = 111 ] || expect_err "" "stderr for $2"
}
check 0 joe@example.test
check 0 Joe@EXAMPLE.test
check 0 sales@example.test              # an alias
check 0 joe@pop.wild.test
check 0 boss@catch.test
check 0 whoever@catch.test              # the catch-all
check 0 'a,b@catch.test'                # vdeliver would take it too
check 100 nobody@example.test           # no such account, no catch-all
check 100 eve@example.test              # expired
check 100 dora@example.test             # mailbox disabled, no forwards
check 100 nomail@example.test           # neither mailbox nor forwards
check 100 joe@gone.test                 # the base user does not exist
check 100 joe@rootdom.test              # base user with uid 0
check 100 joe@none.test                 # no table yet: no accounts
check 0 joe@local.test                  # locals: not ours to judge
check 0 someone@elsewhere.example       # a remote address (a relay client's)
check 0 postmaster                      # no domain
check 0 '../x@example.test'             # not an address
check 111 bad@bad.test
expect_err "vrcptcheck: fatal: temporary failure: $T/home/vmlbad/passwd.cdb: the record of account 'bad' does not decode" "bad record"
check 0 good@bad.test
check 111 rootonly@sym.test             # the symlink to root's table
expect_err "vrcptcheck: fatal: temporary failure: unable to open $T/home/vmlsym/passwd.cdb: Permission denied" "symlink"
check 111 joe@zero.test
expect_err "vrcptcheck: fatal: temporary failure: $T/home/vmlzero/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header" "0-byte table"

# RCPTCHECK patches: no arguments, the address in RECIPIENT, SENDER too.
rcptcheck() { run in_sandbox env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" "$@" "$TOP/vrcptcheck"; }
rcptcheck RECIPIENT=joe@example.test SENDER=a@b.example HELO=client.example USE_FD4=1
expect_rc 0 "RECIPIENT joe"
rcptcheck RECIPIENT=nobody@example.test SENDER=
expect_rc 100 "RECIPIENT nobody"
expect_out "" "RECIPIENT nobody: stdout"
rcptcheck SMTPRCPTTO=nobody@example.test  # the spp variable without --spp
expect_rc 111 "no RECIPIENT"
expect_err "vrcptcheck: no address: give one or set RECIPIENT
vrcptcheck: usage: vrcptcheck [OPTION]... [ADDRESS]" "no RECIPIENT"
rcptcheck RECIPIENT=
expect_rc 111 "empty RECIPIENT"

# qmail-spp: SMTPRCPTTO, the answer as a plugin command on stdout.
spp() { run in_sandbox env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" "$@" "$TOP/vrcptcheck" --spp; }
spp SMTPRCPTTO=joe@example.test SMTPMAILFROM=a@b.example RECIPIENT=nobody@example.test
expect_rc 0 "spp joe"
expect_out "" "spp joe"
spp SMTPRCPTTO=nobody@example.test
expect_rc 100 "spp nobody"
expect_out "E550 5.1.1 sorry, no mailbox here by that name" "spp nobody"
expect_err "" "spp nobody: stderr"
spp SMTPRCPTTO=joe@zero.test
expect_rc 111 "spp zero"
expect_out "E451 4.3.0 temporary failure checking the recipient, try again later" "spp zero"
spp SMTPRCPTTO=
expect_rc 111 "spp without an address"
expect_out "E451 4.3.0 temporary failure checking the recipient, try again later" "spp without an address"

# Misuse is never the sender's fault: 111.
rc joe@example.test ann@example.test
expect_rc 111 "two operands"
expect_err "vrcptcheck: unexpected operand 'ann@example.test'
vrcptcheck: usage: vrcptcheck [OPTION]... [ADDRESS]" "two operands"
rc --bogus joe@example.test
expect_rc 111 "unknown option"
rc --help
expect_rc 0 "--help"

# Not root: the base user's own domain works; the others' 0600 tables do not.
run as_user vmlbase 2921 "$TOP/vrcptcheck" nobody@example.test
expect_rc 100 "as vmlbase, its own domain"
run as_user vmlbase 2921 "$TOP/vrcptcheck" boss@catch.test
expect_rc 111 "as vmlbase, another domain"
exit 0
