# checkvpw in classic mode, run as root in the sandbox with private users:
# the probe reports uid, gid, supplementary groups, cwd, argv and environment.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
world_init

# A virtual login: every identity detail of the next program.
cvw_req joe@example.test joe-secret '<123.456@pop.example.test>'
cvw "$PROBE" -x ./Maildir/ last
expect_rc 0 "joe@example.test"
expect_err ""
expect_eq "$(probe_line uid)" "2901 2901 2901 2901" "uid (real effective saved fs)"
expect_eq "$(probe_line gid)" "2901 2901 2901 2901" "gid"
expect_eq "$(probe_line groups)" "2901 3902" "supplementary groups (initgroups, root's dropped)"
expect_eq "$(probe_line cwd)" "$BASE_HOME" "cwd"
expect_eq "$(probe_line argv)" "$PROBE
-x
$BASE_HOME/users/joe
last" "argv: the Maildir argument rewritten, nothing else"
expect_eq "$(probe_line fd3)" "closed" "fd 3 is not inherited"
expect_eq "$(probe_env USER)" "vmtbase" "USER"
expect_eq "$(probe_env HOME)" "$BASE_HOME" "HOME"
expect_eq "$(probe_env SHELL)" "/bin/sh" "SHELL"
expect_eq "$(probe_env MAILDIR)" "$BASE_HOME/users/joe" "MAILDIR"
expect_eq "$(probe_env VUSER)" "joe" "VUSER"
expect_eq "$(probe_env VUSER_CTIME)" "1700000000" "VUSER_CTIME"
expect_eq "$(probe_env VUSER_EXPIRY)" "-" "VUSER_EXPIRY"
expect_eq "$(probe_env VUSER_HARDQUOTA)" "5000000" "VUSER_HARDQUOTA"
expect_eq "$(probe_env VUSER_SOFTQUOTA)" "-" "VUSER_SOFTQUOTA"
expect_eq "$(probe_env VUSER_MSGSIZE)" "-" "VUSER_MSGSIZE"
expect_eq "$(probe_env VUSER_MSGCOUNT)" "500" "VUSER_MSGCOUNT"
expect_eq "$(probe_env VUSER_PERSONAL)" "Joe_Example" "VUSER_PERSONAL"
expect_eq "$(probe_env VUSER_HAS_MAILBOX)" "1" "VUSER_HAS_MAILBOX"
expect_eq "$(probe_env VUSER_MAILBOX_ENABLED)" "1" "VUSER_MAILBOX_ENABLED"
expect_eq "$(probe_env VMAILMGR_ETC)" "$T/vmetc" "the server's environment is kept"
expect_eq "$(grep -c CHECKVPW_ERROR <<<"$out")" "0" "no CHECKVPW_ERROR on success"
expect_eq "$(grep -c joe-secret <<<"$out")" "0" "the password appears nowhere"

# A bare program name is looked up in PATH, as checkpassword programs do.
run in_sandbox env PATH="$T/nothing:$TOOLS:/usr/bin:/bin" "$CHECKVPW" probe Maildir 3<"$T/req"
expect_rc 0 "program found in PATH"
expect_eq "$(probe_line argv | head -n1)" "$PROBE" "the program's path from PATH"

# Every login form reaches the same account.
check_form() {  # LOGIN [VAR=VALUE...]: logs in as joe and expects the joe Maildir
  local login=$1; shift
  cvw_req "$login" joe-secret
  run in_sandbox env "$@" "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
  expect_rc 0 "login form $login $*"
  expect_eq "$(probe_env VUSER)" "joe" "VUSER for $login"
  expect_eq "$(probe_env MAILDIR)" "$BASE_HOME/users/joe" "MAILDIR for $login"
}
check_form JOE@Example.TEST
check_form joe:example.test
check_form joe@pop.wild.test
check_form joe@a.b.wild.test
check_form vmtbase-joe
check_form joe TCPLOCALHOST=example.test
check_form joe TCPLOCALHOST=mx.wild.test TCPLOCALIP=192.0.2.99
echo '192.0.2.7:example.test' > "$T/vmetc/ip-domains"
check_form joe TCPLOCALIP=192.0.2.7
rm "$T/vmetc/ip-domains"
echo example.test > "$T/vmetc/default-domain"
check_form joe
rm "$T/vmetc/default-domain"
printf '@%%\n' > "$T/vmetc/separators"
check_form 'joe%example.test'
rm "$T/vmetc/separators"

# A system user: its own uid, home, and the Maildir argument as given.
cvw_req vmtsys sys-secret
cvw "$PROBE" Maildir
expect_rc 0 "system user"
expect_eq "$(probe_line uid)" "2902 2902 2902 2902" "system user uid"
expect_eq "$(probe_line groups)" "2902" "system user groups"
expect_eq "$(probe_line cwd)" "$SYS_HOME" "system user cwd"
expect_eq "$(probe_line argv | tail -n1)" "Maildir" "system user Maildir argument"
expect_eq "$(probe_env MAILDIR)" "Maildir" "system user MAILDIR"
expect_eq "$(probe_env USER)" "vmtsys" "system user USER"
expect_eq "$(probe_env VUSER)" "" "system user VUSER"
expect_eq "$(grep -c '^env VUSER_' <<<"$out")" "0" "system user: no VUSER_*"
cvw_req vmtsys@localhost sys-secret
cvw "$PROBE"
expect_rc 0 "system user via a local domain"
expect_eq "$(probe_env MAILDIR)" "Maildir" "default-maildir without argument"
echo 0 > "$T/vmetc/system-logins"
cvw "$PROBE"
expect_rc 1 "system-logins 0"
expect_eq "$out" "" "no probe output"
expect_err "checkvpw: login failed: system-user logins are disabled: vmtsys"
rm "$T/vmetc/system-logins"

# A missing Maildir: error-maildir, in the argument and MAILDIR.
mv "$BASE_HOME/users/joe" "$BASE_HOME/users/joe.away"
cvw_req joe@example.test joe-secret
cvw "$PROBE" Maildir
expect_rc 0 "missing Maildir"
expect_eq "$(probe_line argv | tail -n1)" "$T/error-maildir/" "error-maildir argument"
expect_eq "$(probe_env MAILDIR)" "$T/error-maildir/" "error-maildir MAILDIR"
mv "$BASE_HOME/users/joe.away" "$BASE_HOME/users/joe"

# Refused accounts: exit 1, one line on stderr, the probe never runs.
refused() {  # LOGIN PASSWORD MESSAGE
  cvw_req "$1" "$2"
  run in_sandbox env PROBE_MARK="$T/marks/ran" "$CHECKVPW" "$PROBE" 3<"$T/req"
  expect_rc 1 "$1"
  expect_out ""
  expect_err "checkvpw: login failed: $3"
  [ ! -e "$T/marks/ran" ] || fail "$1: the probe ran"
}
refused joe@example.test wrong "wrong password: joe@example.test"
refused nobody@example.test x "unknown user: nobody@example.test"
refused dora@example.test dora-secret "mailbox is disabled: dora@example.test"
refused eve@example.test eve-secret "account has expired: eve@example.test"
refused sales@example.test '*' "wrong password: sales@example.test"
refused vmtsys wrong "wrong password: vmtsys"

# Not root: running as the base user needs no switch; anyone else: 111.
cvw_req joe@example.test joe-secret
run in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
expect_rc 0 "as the base user"
expect_eq "$(probe_line uid)" "2901 2901 2901 2901" "uid as the base user"
expect_eq "$(probe_line cwd)" "$BASE_HOME" "cwd as the base user"
run in_sandbox setpriv --reuid=2903 --regid=2903 --init-groups "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
expect_rc 111 "as another user"
expect_out ""
expect_err "checkvpw: warning: unable to stat $BASE_HOME/.vmailmgr/checkvpw-error: Permission denied
checkvpw: fatal: unable to open $BASE_HOME/.vmailmgr/password-file: Permission denied"
chmod 0644 "$BASE_HOME/passwd.cdb"; chmod 0755 "$BASE_HOME"
run in_sandbox setpriv --reuid=2903 --regid=2903 --init-groups "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
expect_rc 111 "as another user, table readable"
expect_err "checkvpw: fatal: temporary failure: unable to switch to user vmtbase: running as uid 2903, not as root"
chmod 0600 "$BASE_HOME/passwd.cdb"; chmod 0750 "$BASE_HOME"
exit 0
