# vrcptcheck as qmail-smtpd runs it: as an unprivileged user (here vmlsmtpd)
# that cannot read the base users' tables. By itself it can only answer 111;
# with --socket PATH or $VRCPTCHECK_SOCKET it asks vsocketmap, running as
# root under the real unixserver (ucspi-unix) on a socket of mode 0660 in
# vmlsmtpd's group, and answers 0 / 100 / 111 as when run as root. Someone
# outside the group, or a server that is gone, gets 111.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/lookup_world.sh"
need unixserver
lookup_world
sandbox_user vmlsmtpd 2990
sandbox_user vmlother 2991
mkdir -p "$T/run"
chmod 755 "$T/run"
SOCK=$T/run/lookup

# as NAME UID VAR=VALUE... -- CMD...: CMD as that user, with only those variables.
as() {
  local uid=$2 vars=(); shift 2
  while [ "$1" != -- ]; do vars+=("$1"); shift; done; shift
  run in_sandbox setpriv --reuid "$uid" --regid "$uid" --init-groups \
    env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" "${vars[@]}" "$@"
}

# Without the server: the tables are not readable by vmlsmtpd.
as vmlsmtpd 2990 -- "$TOP/vrcptcheck" joe@example.test
expect_rc 111 "vrcptcheck as vmlsmtpd, reading the tables itself"
[[ $err == "vrcptcheck: "*"Permission denied"* ]] || fail "stderr: $err"

trap lookup_unserve EXIT
lookup_serve_unix "$SOCK" 0660 2990 virtual
expect_eq "$(stat -c '%a %g' "$SOCK")" "660 2990" "the socket's mode and group"

check() {  # check CODE ADDRESS
  as vmlsmtpd 2990 -- "$TOP/vrcptcheck" --socket "$SOCK" "$2"
  expect_rc "$1" "vrcptcheck --socket $2"
  expect_out "" "stdout for $2"
  expect_err "" "stderr for $2"
}
check 0 joe@example.test
check 0 Joe@EXAMPLE.test
check 0 sales@example.test              # an alias
check 0 whoever@catch.test              # the catch-all
check 0 someone@elsewhere.test          # not ours to judge
check 0 joe@local.test                  # a domain in control/locals
check 0 postmaster                      # no domain
check 100 nobody@example.test
check 100 eve@example.test              # expired
check 100 dora@example.test             # mailbox disabled, no forwards
check 100 joe@gone.test                 # the base user does not exist
check 100 joe@rootdom.test              # base user with uid 0
as vmlsmtpd 2990 -- "$TOP/vrcptcheck" --socket "$SOCK" rootonly@sym.test
expect_rc 111 "a table behind a symlink to a root-only file (read as vmlsym, not as root)"
expect_err "vrcptcheck: fatal: temporary failure: the lookup server answered: TEMP unable to open $T/home/vmlsym/passwd.cdb: Permission denied"
as vmlsmtpd 2990 -- "$TOP/vrcptcheck" --socket "$SOCK" bad@bad.test
expect_rc 111 "a record that does not decode"
expect_err "vrcptcheck: fatal: temporary failure: the lookup server answered: TEMP $T/home/vmlbad/passwd.cdb: the record of account 'bad' does not decode"
grep -q LEAK "$T/vsocketmap.log" && fail "a record's bytes in the log"

# As the RCPTCHECK patches run it: no operand, $RECIPIENT; the socket from
# the environment (set in tcpserver's rules for qmail-smtpd).
as vmlsmtpd 2990 VRCPTCHECK_SOCKET="$SOCK" RECIPIENT=ann@example.test -- "$TOP/vrcptcheck"
expect_rc 0 "RCPTCHECK style, ann"
as vmlsmtpd 2990 VRCPTCHECK_SOCKET="$SOCK" RECIPIENT=nobody@example.test -- "$TOP/vrcptcheck"
expect_rc 100 "RCPTCHECK style, nobody"
# qmail-spp: the answer on stdout.
as vmlsmtpd 2990 VRCPTCHECK_SOCKET="$SOCK" SMTPRCPTTO=nobody@example.test -- "$TOP/vrcptcheck" --spp
expect_out "E550 5.1.1 sorry, no mailbox here by that name" "spp refusal"
as vmlsmtpd 2990 VRCPTCHECK_SOCKET="$SOCK" SMTPRCPTTO=joe@example.test -- "$TOP/vrcptcheck" --spp
expect_rc 0 "spp, joe"
expect_out "" "spp, joe"

# Outside the socket's group: 111, never 100.
as vmlother 2991 -- "$TOP/vrcptcheck" --socket "$SOCK" joe@example.test
expect_rc 111 "vmlother"
expect_err "vrcptcheck: fatal: unable to connect to $SOCK: Permission denied" "vmlother"

# The server gone: 111.
lookup_unserve
trap - EXIT
as vmlsmtpd 2990 VRCPTCHECK_SOCKET="$SOCK" -- "$TOP/vrcptcheck" nobody@example.test
expect_rc 111 "no server"
[[ $err == "vrcptcheck: fatal: "*"unable to connect to $SOCK: "* ]] || fail "no server: $err"
as vmlsmtpd 2990 -- "$TOP/vrcptcheck" --socket "" joe@example.test
expect_rc 111 "an empty --socket reads the tables itself (and cannot)"
exit 0
