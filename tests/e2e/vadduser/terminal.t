#!/usr/bin/env bash
# On a terminal vadduser asks twice without echo; a mismatch adds nothing.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need python3
account_domain
vm vsetup --quiet || fail "vsetup"
before=$(state)

on_terminal 'Heron_Slate9' 'Heron_Slate8' -- as_base "$BIN/vadduser" joe
expect_eq "$rc" 1 "exit code after a mismatch"
expect_eq "$screen" "New password for 'joe': 
Retype new password for 'joe': 
vadduser: fatal: the passwords do not match" "terminal after a mismatch"
expect_state "$before" "a mismatch"

on_terminal '' -- as_base "$BIN/vadduser" joe
expect_eq "$rc" 1 "exit code after an empty password"
expect_eq "$screen" "New password for 'joe': 
vadduser: fatal: no password given" "terminal after an empty password"
expect_state "$before" "an empty password"

on_terminal 'Heron_Slate9' 'Heron_Slate9' -- as_base "$BIN/vadduser" Joe j
expect_eq "$rc" 0 "exit code"
expect_eq "$screen" "New password for 'joe': 
Retype new password for 'joe': 
vadduser: user 'joe' successfully added
vadduser: alias 'j' successfully added, forwarding to joe" "terminal"
verify joe 'Heron_Slate9' || fail "joe's password does not verify"

# Nobody is asked for a password of an account that cannot be added.
on_terminal 'x' 'x' -- as_base "$BIN/vadduser" joe
expect_eq "$rc" 1 "exit code for an existing account"
expect_eq "$screen" "vadduser: fatal: account 'joe' already exists" "terminal for an existing account"
exit 0
