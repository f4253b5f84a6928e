# Last login (SPEC §20): a successful checkvpw login, classic or Dovecot
# mode, stamps ~base/last-login/ACCOUNT (owned by the base user, 0600, in a
# 0700 directory) with the time of the login; a refused login, a Dovecot
# lookup without password and a system user's login record nothing;
# record-last-login 0 turns it off; listvdomain --last-login shows the times.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
world_init
LL=$BASE_HOME/last-login
mtime() { stat -c %Y "$1"; }

# Classic mode, as qmail-popup runs it.
before=$(date +%s)
cvw_req joe@example.test joe-secret
cvw "$PROBE" Maildir
expect_rc 0 "classic login"
after=$(date +%s)
[ -f "$LL/joe" ] || fail "no $LL/joe after a login"
expect_eq "$(stat -c '%u %a' "$LL")" "2901 700" "the directory: base user's, 0700"
expect_eq "$(stat -c '%u %g %a %s' "$LL/joe")" "2901 2901 600 0" "the file: base user's, 0600, empty"
t=$(mtime "$LL/joe")
[ "$t" -ge "$before" ] && [ "$t" -le "$after" ] || fail "time $t not within $before-$after"
expect_eq "$(ls "$LL")" "joe" "only joe has logged in"

# Every login moves it; a refused one does not.
touch -h -d @1000000000 "$LL/joe"
cvw_req joe@example.test wrong
cvw "$PROBE" Maildir
expect_rc 1 "wrong password"
expect_eq "$(mtime "$LL/joe")" 1000000000 "a refused login changed the time"
cvw_req dora@example.test dora-secret
cvw "$PROBE" Maildir
expect_rc 1 "disabled account"
cvw_req eve@example.test eve-secret
cvw "$PROBE" Maildir
expect_rc 1 "expired account"
expect_eq "$(ls "$LL")" "joe" "refused accounts recorded"
before=$(date +%s)
cvw_req Joe@Example.TEST joe-secret
cvw "$PROBE" Maildir
expect_rc 0 "second login"
[ "$(mtime "$LL/joe")" -ge "$before" ] || fail "the second login was not recorded"

# Dovecot mode: the passdb call (a password) records, a userdb lookup
# (AUTHORIZED=1, no password) does not.
cvw_req ann@example.test Kestrel.Moss-42
run in_sandbox env ORIG_UID=0 "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "Dovecot-mode login (stderr: $err)"
[ -f "$LL/ann" ] || fail "no $LL/ann after a Dovecot-mode login"
expect_eq "$(stat -c %u "$LL/ann")" 2901 "owner of ann's file"
rm "$LL/ann"
cvw_req ann@example.test ''
run in_sandbox env ORIG_UID=0 AUTHORIZED=1 "$CHECKVPW" "$PROBE" 3<"$T/req"
expect_rc 0 "Dovecot userdb lookup"
expect_eq "$(probe_env AUTHORIZED)" 2 "lookup answered"
[ -e "$LL/ann" ] && fail "a lookup without password was recorded as a login"

# A system user's login has no table and records nothing anywhere.
cvw_req vmtsys sys-secret
cvw "$PROBE" Maildir
expect_rc 0 "system login"
[ -e "$SYS_HOME/last-login" ] && fail "a system login made $SYS_HOME/last-login"

# A symlink planted by the base user is never followed: its target keeps its time.
echo keep > "$T/target"
touch -d @1200000000 "$T/target"
rm "$LL/joe"; ln -s "$T/target" "$LL/joe"; chown -h 2901:2901 "$LL/joe"
cvw_req joe@example.test joe-secret
cvw "$PROBE" Maildir
expect_rc 0 "login with a symlink in place"
expect_eq "$(mtime "$T/target")" 1200000000 "the symlink's target was touched"
expect_eq "$(cat "$T/target")" keep "the symlink's target changed"
rm "$LL/joe"

# The file cannot be written (a directory in its place): a warning, the login goes on.
mkdir "$LL/joe"; touch -d @1000 "$LL/joe"; chmod 555 "$LL"
cvw_req joe@example.test joe-secret
cvw "$PROBE" Maildir
expect_rc 0 "login while the time cannot be recorded"
expect_err "checkvpw: warning: unable to record the last login of joe@example.test: unable to set the time of $LL/joe: Operation not permitted"
expect_eq "$(probe_env MAILDIR)" "$BASE_HOME/users/joe" "the login went on"
chmod 700 "$LL"; rmdir "$LL/joe"

# record-last-login 0: nothing recorded.
echo 0 > "$T/vmetc/record-last-login"
rm -rf "${LL:?}"
cvw_req joe@example.test joe-secret
cvw "$PROBE" Maildir
expect_rc 0 "login with record-last-login 0"
[ -e "$LL" ] && fail "record-last-login 0 still recorded"
rm "$T/vmetc/record-last-login"

# listvdomain --last-login / --not-since, as the base user.
cvw_req joe@example.test joe-secret
cvw "$PROBE" Maildir
touch -h -d @1800000000 "$LL/joe"
mkdir -p "$LL"; : > "$LL/ann"; chown 2901:2901 "$LL/ann"; touch -h -d @1700000000 "$LL/ann"
lvd() {
  run in_sandbox setpriv --reuid 2901 --regid 2901 --init-groups \
    env -i HOME="$BASE_HOME" VMAILMGR_ETC="$T/vmetc" TZ=UTC "$TOP/listvdomain" "$@"
}
lvd --last-login
expect_rc 0 "listvdomain --last-login"
expect_out "User Mailbox Last-Login Aliases
joe Yes 2027-01-15T08:00:00+00:00
ann Yes 2023-11-14T22:13:20+00:00
dora Yes(disabled) never
eve Yes never
sales No - joe ann@elsewhere.test
+ No - joe"
lvd -n 2024-01-01
expect_rc 0 "listvdomain -n"
expect_out "User Mailbox Last-Login Aliases
ann Yes 2023-11-14T22:13:20+00:00
dora Yes(disabled) never
eve Yes never"
lvd --not-since=@1800000001 joe
expect_rc 0 "listvdomain --not-since=@..."
expect_out "User Mailbox Last-Login Aliases
joe Yes 2027-01-15T08:00:00+00:00"
lvd --not-since=last-year
expect_rc 1 "bad date"
expect_out ""
expect_err "listvdomain: fatal: bad date 'last-year': use YYYY-MM-DD or @SECONDS"
lvd
expect_rc 0 "plain listvdomain"
expect_out "User Mailbox Aliases
joe Yes
ann Yes
dora Yes(disabled)
eve Yes
sales No joe ann@elsewhere.test
+ No joe"
exit 0
