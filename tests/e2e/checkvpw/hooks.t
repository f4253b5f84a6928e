# checkvpw's hooks (SPEC §2, §6): order, environment, who runs them (a
# per-domain hook never as root), postexec's fork-and-wait status
# pass-through, loginfail/error with CHECKVPW_ERROR, and a failing hook.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
world_init
LOG=$T/marks/hooks.log
DOMAIN_DIR=$BASE_HOME/.vmailmgr
mkdir -p "$DOMAIN_DIR"

# hook DIR WHERE NAME [EXIT]: a hook logging what it sees, then exiting EXIT.
hook() {
  cat > "$1/checkvpw-$3" <<EOS
#!/bin/sh
ids=\$(grep '^Uid:' /proc/self/status | tr -s '\t ' ' ')
echo "$3 $2 \$ids USER=\$USER VUSER=\$VUSER MAILDIR=\${MAILDIR-unset} cwd=\$(pwd) err=\${CHECKVPW_ERROR-unset}" >> "$LOG"
exit ${4:-0}
EOS
  chmod 755 "$1/checkvpw-$3"
}
for h in presetuid postsetuid; do hook "$T/vmetc" global $h; hook "$DOMAIN_DIR" domain $h; done
chown -R 2901:2901 "$DOMAIN_DIR"
START=$PWD
fresh_log() { rm -f "$LOG"; : > "$LOG"; chmod 666 "$LOG"; }  # the base user writes to it too
fresh_log
root_ids="Uid: 0 0 0 0"
base_ids="Uid: 2901 2901 2901 2901"

# A login: presetuid as root (global) and as the base user (per-domain,
# never root, no way back), the switch, chdir, postsetuid, then exec.
cvw_req joe@example.test joe-secret
run in_sandbox env PROBE_MARK="$LOG" "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
expect_rc 0 "login with hooks"
pid=$(tail -n1 "$LOG")
expect_file_eq "$LOG" "presetuid global $root_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=unset
presetuid domain $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=unset
postsetuid global $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$BASE_HOME err=unset
postsetuid domain $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$BASE_HOME err=unset
$pid"
fresh_log

# checkvpw-postexec: fork and wait; the program's own status comes back.
hook "$T/vmetc" global postexec
hook "$DOMAIN_DIR" domain postexec 9  # its failure is only a warning
chown 2901:2901 "$DOMAIN_DIR/checkvpw-postexec"
run in_sandbox env PROBE_MARK="$LOG" PROBE_EXIT=42 "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
expect_rc 42 "the program's status through postexec"
expect_err "checkvpw: warning: hook $DOMAIN_DIR/checkvpw-postexec exited with status 9"
expect_eq "$(probe_line uid)" "2901 2901 2901 2901" "the program still runs as the base user"
pid=$(sed -n 5p "$LOG")
expect_file_eq "$LOG" "presetuid global $root_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=unset
presetuid domain $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=unset
postsetuid global $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$BASE_HOME err=unset
postsetuid domain $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$BASE_HOME err=unset
$pid
postexec global $base_ids USER=vmtbase VUSER=joe MAILDIR=$BASE_HOME/users/joe cwd=$BASE_HOME err=unset
postexec domain $base_ids USER=vmtbase VUSER=joe MAILDIR=$BASE_HOME/users/joe cwd=$BASE_HOME err=unset"
run in_sandbox env PROBE_EXIT=0 "$CHECKVPW" "$PROBE" Maildir 3<"$T/req"
expect_rc 0 "status 0 through postexec"
fresh_log
rm -f "$T/vmetc/checkvpw-postexec" "$DOMAIN_DIR/checkvpw-postexec"

# A bad login: CHECKVPW_ERROR and checkvpw-loginfail, global then per-domain.
hook "$T/vmetc" global loginfail
hook "$DOMAIN_DIR" domain loginfail
hook "$T/vmetc" global error
hook "$DOMAIN_DIR" domain error
chown 2901:2901 "$DOMAIN_DIR"/*
cvw_req joe@example.test wrong
run in_sandbox "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 1 "wrong password"
expect_file_eq "$LOG" "loginfail global $root_ids USER= VUSER= MAILDIR=unset cwd=$START err=wrong password: joe@example.test
loginfail domain $base_ids USER= VUSER= MAILDIR=unset cwd=$START err=wrong password: joe@example.test"
fresh_log

# A failing hook: 111, checkvpw-error runs, the program does not.
hook "$DOMAIN_DIR" domain presetuid 5
chown 2901:2901 "$DOMAIN_DIR/checkvpw-presetuid"
cvw_req joe@example.test joe-secret
run in_sandbox env PROBE_MARK="$LOG" "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 111 "failing presetuid hook"
expect_err "checkvpw: fatal: temporary failure: hook $DOMAIN_DIR/checkvpw-presetuid exited with status 5"
msg="hook $DOMAIN_DIR/checkvpw-presetuid exited with status 5"
expect_file_eq "$LOG" "presetuid global $root_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=unset
presetuid domain $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=unset
error global $root_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=$msg
error domain $base_ids USER=vmtbase VUSER=joe MAILDIR=unset cwd=$START err=$msg"
fresh_log
hook "$DOMAIN_DIR" domain presetuid
chown 2901:2901 "$DOMAIN_DIR/checkvpw-presetuid"

# A hook without execute bit is switched off.
chmod 644 "$T/vmetc/checkvpw-presetuid" "$DOMAIN_DIR/checkvpw-presetuid"
run in_sandbox env PROBE_MARK="$LOG" "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "non-executable hooks"
expect_eq "$(grep -c presetuid "$LOG")" "0" "non-executable hooks did not run"
fresh_log
chmod 755 "$T/vmetc/checkvpw-presetuid" "$DOMAIN_DIR/checkvpw-presetuid"

# Dovecot mode: no switch; per-domain hooks still run as the base user.
run in_sandbox env ORIG_UID=0 PROBE_MARK="$LOG" "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "dovecot mode with hooks"
expect_eq "$(probe_line uid)" "0 0 0 0" "dovecot mode: no uid change"
M=$BASE_HOME/users/joe
pid=$(tail -n1 "$LOG")
expect_file_eq "$LOG" "presetuid global $root_ids USER=joe@example.test VUSER=joe MAILDIR=$M cwd=$START err=unset
presetuid domain $base_ids USER=joe@example.test VUSER=joe MAILDIR=$M cwd=$START err=unset
postsetuid global $root_ids USER=joe@example.test VUSER=joe MAILDIR=$M cwd=$START err=unset
postsetuid domain $base_ids USER=joe@example.test VUSER=joe MAILDIR=$M cwd=$START err=unset
$pid"
exit 0
