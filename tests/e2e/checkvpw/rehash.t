# Rehash on login (SPEC §4): a good login with a legacy hash stores a new
# yescrypt hash, written as the base user (the table stays its own, 0600) in
# both modes; switched off by rehash-on-login 0; a failure never fails the login.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
need cdb
world_init
TABLE=$BASE_HOME/passwd.cdb

field() {  # ACCOUNT N: field N of its record (1 = version and flags, 2 = hash, 3 = directory)
  cdb -q "$TABLE" "$1" | tr '\n\0' '?\n' | sed -n "$2p"
}
reset_ann() {
  echo "ann hash=$MD5_HASH" | "$TOOLS/mktable" "$BASE_HOME" || fail "mktable"
  chown -R 2901:2901 "$BASE_HOME"
}
expect_eq "$(field ann 2)" "$MD5_HASH" "the fixture hash before"

# Classic mode as root: rehashed after the switch, by the base user.
cvw_req ann@example.test Kestrel.Moss-42
cvw "$PROBE"
expect_rc 0 "legacy login"
expect_err ""
new=$(field ann 2)
case $new in '$y$'*) ;; *) fail "ann was not rehashed: [$new]" ;; esac
expect_eq "$(stat -c '%u:%g %a' "$TABLE")" "2901:2901 600" "table owner and mode"
expect_eq "$(stat -c '%u:%g %a' "$BASE_HOME/passwd.lock")" "2901:2901 600" "lock owner and mode"
expect_eq "$(field ann 3)" "./users/ann" "other fields kept"
expect_eq "$(ls "$BASE_HOME" | grep -c tmp)" "0" "no temporary file left"
cvw "$PROBE"
expect_rc 0 "login again with the new hash"
expect_eq "$(field ann 2)" "$new" "a preferred hash stays as it is"
cvw_req ann@example.test wrong
cvw "$PROBE"
expect_rc 1 "the new hash refuses a wrong password"

# Dovecot mode as root (no switch): still written as the base user.
reset_ann
cvw_req ann@example.test Kestrel.Moss-42
run in_sandbox env ORIG_UID=0 "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "legacy login, dovecot mode"
case $(field ann 2) in '$y$'*) ;; *) fail "not rehashed in dovecot mode" ;; esac
expect_eq "$(stat -c '%u:%g %a' "$TABLE")" "2901:2901 600" "table owner and mode, dovecot mode"
expect_eq "$(probe_line uid)" "0 0 0 0" "dovecot mode: the program runs unswitched"

# The base user writes, with its own rights only: a lock file root made
# private stops it (a warning), it never makes root write in its home.
reset_ann
chown 0:0 "$BASE_HOME/passwd.lock"
run in_sandbox env ORIG_UID=0 "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "legacy login, root's lock file"
expect_err "checkvpw: warning: unable to rehash the password of ann@example.test: unable to open $BASE_HOME/passwd.lock: Permission denied"
expect_eq "$(field ann 2)" "$MD5_HASH" "hash kept when the base user cannot write"
chown 2901:2901 "$BASE_HOME/passwd.lock"

# rehash-on-login 0 (per domain): left alone.
reset_ann
mkdir -p "$BASE_HOME/.vmailmgr"; echo 0 > "$BASE_HOME/.vmailmgr/rehash-on-login"
cvw "$PROBE"
expect_rc 0 "legacy login, rehash off"
expect_eq "$(field ann 2)" "$MD5_HASH" "hash kept with rehash off"
rm "$BASE_HOME/.vmailmgr/rehash-on-login"

# A rehash that cannot be written: a warning, the login goes on.
rm "$BASE_HOME/passwd.lock"; mkdir "$BASE_HOME/passwd.lock"
cvw "$PROBE"
expect_rc 0 "legacy login, rehash fails"
expect_err "checkvpw: warning: unable to rehash the password of ann@example.test: unable to open $BASE_HOME/passwd.lock: Is a directory"
expect_eq "$(probe_env VUSER)" "ann" "the program ran"
expect_eq "$(field ann 2)" "$MD5_HASH" "hash kept after a failed rehash"
exit 0
