# Hostile and broken input: each case asserts the exit code, the message,
# the CHECKVPW_ERROR the failure hooks saw, and that the probe never ran.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
world_init
for h in loginfail error; do
  printf '#!/bin/sh\necho "%s: $CHECKVPW_ERROR" >> "%s"\n' "$h" "$T/marks/hooks.log" \
    > "$T/vmetc/checkvpw-$h"
  chmod 755 "$T/vmetc/checkvpw-$h"
done

# hostile RC STDERR HOOKLINE CHECKVPW-ARGS... (fd 3 from $T/req unless the
# args say otherwise through $FD3: "closed" or a file)
hostile() {
  local want_rc=$1 want_err=$2 want_hook=$3; shift 3
  rm -f "$T/marks/ran" "$T/marks/hooks.log"
  case ${FD3:-req} in
    closed) run in_sandbox env PROBE_MARK="$T/marks/ran" "$CHECKVPW" "$@" 3<&- ;;
    *) run in_sandbox env PROBE_MARK="$T/marks/ran" "$CHECKVPW" "$@" 3<"${FD3:-$T/req}" ;;
  esac
  expect_rc "$want_rc" "$want_hook"
  expect_out ""
  expect_err "$want_err"
  [ ! -e "$T/marks/ran" ] || fail "$want_hook: the probe ran"
  expect_file_eq "$T/marks/hooks.log" "$want_hook"
  case $err in *joe-secret*|*s3cr3t*) fail "a password reached stderr: $err" ;; esac
}
usage="checkvpw: usage: checkvpw prog [args...]"

# Misuse: exit 2.
cvw_req joe@example.test joe-secret
hostile 2 "checkvpw: no program to run
$usage" "error: no program to run"
: > "$T/empty"
FD3=$T/empty hostile 2 "checkvpw: checkpassword input is empty
$usage" "error: checkpassword input is empty" "$PROBE"
FD3=closed hostile 2 "checkvpw: fd 3 is not open: no checkpassword input
$usage" "error: fd 3 is not open: no checkpassword input" "$PROBE"
printf 'joe@example.test' > "$T/nonul"
FD3=$T/nonul hostile 2 "checkvpw: checkpassword input holds no NUL byte
$usage" "error: checkpassword input holds no NUL byte" "$PROBE"
printf 'joe@example.test\0s3cr3t' > "$T/onenul"
FD3=$T/onenul hostile 2 "checkvpw: checkpassword input has no NUL after the password
$usage" "error: checkpassword input has no NUL after the password" "$PROBE"
printf '\0s3cr3t\0\0' > "$T/nologin"
FD3=$T/nologin hostile 2 "checkvpw: checkpassword input has an empty login
$usage" "error: checkpassword input has an empty login" "$PROBE"
printf 'jo\0e@example.test\0s3cr3t\0\0' > "$T/nulinlogin"
FD3=$T/nulinlogin hostile 2 "checkvpw: checkpassword input has bytes after the timestamp
$usage" "error: checkpassword input has bytes after the timestamp" "$PROBE"

# 512 bytes are read and checked (a wrong password); 513 or far more are misuse.
pad=$(head -c 493 /dev/zero | tr '\0' x)  # 16 + 1 + 493 + 1 + 1 = 512
printf 'joe@example.test\0%s\0\0' "$pad" > "$T/r512"
expect_eq "$(stat -c %s "$T/r512")" 512 "size of the 512-byte request"
FD3=$T/r512 hostile 1 "checkvpw: login failed: wrong password: joe@example.test" \
  "loginfail: wrong password: joe@example.test" "$PROBE"
printf 'joe@example.test\0%sy\0\0' "$pad" > "$T/r513"
expect_eq "$(stat -c %s "$T/r513")" 513 "size of the 513-byte request"
FD3=$T/r513 hostile 2 "checkvpw: checkpassword input is longer than 512 bytes
$usage" "error: checkpassword input is longer than 512 bytes" "$PROBE"
head -c 100000 /dev/zero > "$T/huge"
FD3=$T/huge hostile 2 "checkvpw: checkpassword input is longer than 512 bytes
$usage" "error: checkpassword input is longer than 512 bytes" "$PROBE"
CHECKVPW_MODE=qmail hostile 2 "checkvpw: CHECKVPW_MODE must be dovecot or classic, not 'qmail'
$usage" "error: CHECKVPW_MODE must be dovecot or classic, not 'qmail'" "$PROBE"

# Bad logins: exit 1.
badlogin() {  # LOGIN MESSAGE
  cvw_req "$1" s3cr3t
  hostile 1 "checkvpw: login failed: $2" "loginfail: $2" "$PROBE" Maildir
}
printf 'jo\0e@example.test\0s3cr3t\0' > "$T/req"  # a NUL inside the login cuts it
hostile 1 "checkvpw: login failed: unknown user: jo" "loginfail: unknown user: jo" "$PROBE"
badlogin @example.test "malformed login"
badlogin joe@ "malformed login"
badlogin joe: "malformed login"
badlogin ../joe@example.test "malformed login"
badlogin ../../etc/passwd "malformed login"
badlogin /etc@example.test "malformed login"
badlogin joe@../../etc "malformed login"
badlogin '..@example.test' "malformed login"
badlogin 'jo e@example.test' "malformed login"
badlogin "$(printf 'joe\001@example.test')" "malformed login"
badlogin joe@rootdom.test "base user root has uid 0: joe@rootdom.test"
badlogin joe@gone.test "unknown user: joe@gone.test"
badlogin root-joe "base user root has uid 0: root-joe"
# A system login as uid 0 is refused too (system-logins is 1 by default),
# even with the right password: root, root@<any non-virtual domain>, toor.
badlogin root "user root has uid 0: root"
badlogin root@elsewhere.test "user root has uid 0: root"
echo "toor:x:0:0:toor:/root:/bin/sh" >> "$T/etc/passwd"
echo "toor:!:19000:0:99999:7:::" >> "$T/etc/shadow"
sandbox_password toor "$("$TOOLS/mktable" --hash s3cr3t)"
badlogin toor "user toor has uid 0: toor"

# Broken installation: exit 111, checkvpw-error runs.
cvw_req joe@example.test joe-secret
mv "$BASE_HOME/passwd.cdb" "$BASE_HOME/passwd.good"
printf 'this is not a cdb' > "$BASE_HOME/passwd.cdb"
hostile 111 "checkvpw: fatal: temporary failure: $BASE_HOME/passwd.cdb is corrupt: 17 bytes, shorter than the 2048-byte header" \
  "error: $BASE_HOME/passwd.cdb is corrupt: 17 bytes, shorter than the 2048-byte header" "$PROBE"
: > "$BASE_HOME/passwd.cdb"  # 0 bytes: cut short, not an empty domain
hostile 111 "checkvpw: fatal: temporary failure: $BASE_HOME/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header" \
  "error: $BASE_HOME/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header" "$PROBE"
rm "$BASE_HOME/passwd.cdb"
mkdir "$BASE_HOME/passwd.cdb"
hostile 111 "checkvpw: fatal: $BASE_HOME/passwd.cdb is not a regular file" \
  "error: $BASE_HOME/passwd.cdb is not a regular file" "$PROBE"
rmdir "$BASE_HOME/passwd.cdb"
mv "$BASE_HOME/passwd.good" "$BASE_HOME/passwd.cdb"
chmod 000 "$BASE_HOME/passwd.cdb"  # unreadable for the base user (root reads anyway)
rm -f "$T/marks/ran" "$T/marks/hooks.log"
run in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups env PROBE_MARK="$T/marks/ran" \
  "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 111 "unreadable table"
expect_err "checkvpw: fatal: unable to open $BASE_HOME/passwd.cdb: Permission denied"
expect_file_eq "$T/marks/hooks.log" "error: unable to open $BASE_HOME/passwd.cdb: Permission denied"
[ ! -e "$T/marks/ran" ] || fail "unreadable table: the probe ran"
chmod 600 "$BASE_HOME/passwd.cdb"
echo "$T/nonexistent" > "$T/vmetc/qmail-root"
mkdir -p "$T/nonexistent/control/virtualdomains"  # a directory where a file belongs
hostile 111 "checkvpw: fatal: unable to read $T/nonexistent/control/virtualdomains: Is a directory" \
  "error: unable to read $T/nonexistent/control/virtualdomains: Is a directory" "$PROBE"
echo "$T/qmail" > "$T/vmetc/qmail-root"

# The base user's settings and table are read with its rights: a symlink in
# ~/.vmailmgr cannot make checkvpw (root) show it a file only root may read.
echo TOPSECRET > "$T/secret"
chmod 600 "$T/secret"
mkdir -p "$BASE_HOME/.vmailmgr"
ln -s "$T/secret" "$BASE_HOME/.vmailmgr/password-file"
hostile 111 "checkvpw: fatal: unable to open $BASE_HOME/.vmailmgr/password-file: Permission denied" \
  "error: unable to open $BASE_HOME/.vmailmgr/password-file: Permission denied" "$PROBE"
rm "$BASE_HOME/.vmailmgr/password-file"

# A failing hook stops the login: 111.
printf '#!/bin/sh\nexit 3\n' > "$T/vmetc/checkvpw-presetuid"
chmod 755 "$T/vmetc/checkvpw-presetuid"
hostile 111 "checkvpw: fatal: temporary failure: hook $T/vmetc/checkvpw-presetuid exited with status 3" \
  "error: hook $T/vmetc/checkvpw-presetuid exited with status 3" "$PROBE"
rm "$T/vmetc/checkvpw-presetuid"

# The next program cannot be run: 111.
hostile 111 "checkvpw: fatal: unable to run $T/no-such-program: No such file or directory" \
  "error: unable to run $T/no-such-program: No such file or directory" "$T/no-such-program"

# After all that, a good login still works.
run in_sandbox "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "good login at the end"
exit 0
