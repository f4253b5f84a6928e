# courier-authlib's own authdaemond (Debian 12, authmodulelist="authpipe")
# with authvmailmgr as /etc/courier/authProg, asked through its socket by
# authtest and authenumerate: logins and lookups, every refusal of SPEC §5,
# default-domain read afresh, rehash on login, a password change through the
# daemon, the loginfail hooks, the listing. With one worker, one
# authvmailmgr process serves everything (authdaemond would have restarted
# it after any reply it did not like).
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/courier.sh"
courier_need
world_init
LOG=$T/marks/loginfail.log
: > "$LOG"
chmod 666 "$LOG"
mkdir -p "$BASE_HOME/.vmailmgr"
for where in "$T/vmetc" "$BASE_HOME/.vmailmgr"; do
  cat > "$where/authvmailmgr-loginfail" <<EOS
#!/bin/sh
echo "\$(id -u) \$AUTHVMAILMGR_ERROR" >> "$LOG"
EOS
  chmod 755 "$where/authvmailmgr-loginfail"
done
chown -R 2901:2901 "$BASE_HOME/.vmailmgr"

courier_config "$T/courier" 1
courier_start
trap courier_stop EXIT

# at LOGIN [PASSWORD [NEW]]: authtest through the daemon.
at() { run courier_in authtest -s imap "$@"; }
# succeeded NAME SYSTEM-USER HOME MAILDIR QUOTA: authtest's report of a good login.
succeeded() {
  printf '%s\n' "Authentication succeeded." "" \
    "     Authenticated: $1  (system username: $2)" \
    "    Home Directory: $3" \
    "           Maildir: $4" \
    "             Quota: $5" \
    "Encrypted Password: (none)" \
    "Cleartext Password: (none)" \
    "           Options: (none)"
}
JOE_DIR=$BASE_HOME/users/joe
JOE_OK=$(succeeded joe@example.test vmtbase "$JOE_DIR" "$JOE_DIR" 5000000S,500C)

at joe@example.test joe-secret
expect_rc 0 "joe logs in (log: $(courier_log))"
expect_out "$JOE_OK"
first=$(courier_programs)
[ -n "$first" ] || fail "no authvmailmgr process under authdaemond"
expect_eq "$(wc -l <<<"$first")" 1 "authvmailmgr processes with one worker"

at JOE@Example.TEST joe-secret
expect_rc 0 "mixed case"
expect_out "$JOE_OK"

# A lookup (PRE): no password; an account that cannot log in is not found.
at joe@example.test
expect_rc 0 "lookup of joe"
expect_out "$JOE_OK"
at dora@example.test
expect_rc 1 "lookup of a disabled account"

# Every refusal: authtest says FAILED, authdaemond answers nothing else.
for case in "joe@example.test wrong" "nobody@example.test x" "sales@example.test joe-secret" \
  "dora@example.test dora-secret" "eve@example.test eve-secret" "joe@rootdom.test joe-secret" \
  "joe@gone.test joe-secret" "joe joe-secret" "root x"; do
  at $case
  expect_rc 1 "refused: $case"
  expect_out ""
  expect_err "Authentication FAILED: Operation not permitted" "refused: $case"
done
expect_file_eq "$LOG" "0 wrong password: joe@example.test
2901 wrong password: joe@example.test
0 unknown user: nobody@example.test
2901 unknown user: nobody@example.test
0 wrong password: sales@example.test
2901 wrong password: sales@example.test
0 mailbox is disabled: dora@example.test
2901 mailbox is disabled: dora@example.test
0 account has expired: eve@example.test
2901 account has expired: eve@example.test
0 base user root has uid 0: joe@rootdom.test
0 unknown user: joe@gone.test
0 unknown user: joe
0 user root has uid 0: root"

# A bare login: Courier passes no local address, default-domain decides,
# read for each request (the same process, no restart).
echo example.test > "$T/vmetc/default-domain"
at joe joe-secret
expect_rc 0 "bare login with default-domain"
expect_out "$JOE_OK"

# A system user (localhost is in control/locals).
at vmtsys@localhost sys-secret
expect_rc 0 "system user"
expect_out "$(succeeded vmtsys vmtsys "$SYS_HOME" "$SYS_HOME/Maildir" "(none)")"

# Rehash on login: ann's MD5-crypt hash becomes the preferred method.
at ann@example.test Kestrel.Moss-42
expect_rc 0 "ann (MD5-crypt)"
run "$TOOLS/account_show" "$BASE_HOME/passwd.cdb"
grep -q '^ann pw=\$y\$' <<<"$out" || fail "ann was not rehashed: $out"
at ann@example.test Kestrel.Moss-42
expect_rc 0 "ann after the rehash"

# A password change through the daemon (authtest's change mode): refused
# with a wrong old password or a new one past 256 bytes; then done as the
# base user, and the next login takes only the new password.
at joe@example.test wrong brand-new
expect_rc 1 "change with a wrong password"
at joe@example.test joe-secret "$(printf 'x%.0s' $(seq 257))"
expect_rc 1 "change to a 257-byte password"
at joe@example.test joe-secret brand-new
expect_rc 0 "password change"
expect_err "Password change succeeded."
expect_eq "$(stat -c '%u:%g %a' "$BASE_HOME/passwd.cdb")" "2901:2901 600" "table after the change"
at joe@example.test joe-secret
expect_rc 1 "the old password"
at joe@example.test brand-new
expect_rc 0 "the new password"
expect_out "$JOE_OK"

# authenumerate: every account with a mailbox, nothing of the other domains.
run courier_in authenumerate
expect_rc 0 authenumerate
line() { printf '%s@example.test\t2901\t2901\t%s\t%s\n' "$1" "$BASE_HOME/users/$1" "$BASE_HOME/users/$1"; }
expect_out "$(line ann; line dora; line eve; line joe)"

# One process served it all: authdaemond never had to restart it.
expect_eq "$(courier_programs)" "$first" "the authvmailmgr process"
grep -q '^authvmailmgr: password changed: joe@example.test$' "$COURIER_DIR/authdaemond.log" ||
  fail "no log line for the password change: $(courier_log)"
if grep -q -e joe-secret -e brand-new -e Kestrel "$COURIER_DIR/authdaemond.log"; then
  fail "a password in the log: $(courier_log)"
fi
courier_stop
exit 0
