# vadminpasswd, run by the base user: sets (from stdin or a ready hash),
# locks and removes ~/.vmailmgr/admin-password, 0600, atomically; bad
# input changes nothing. (vmailmgrd's use of it: tests/e2e/vmailmgrd/auth_log.t)
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
f=$BASE_H/.vmailmgr/admin-password
[ -e "$f" ] && fail "vsetup made an admin-password file"

run base "$TOP/vadminpasswd" < <(printf 'Adm1n pw\n')
expect_rc 0; expect_err "vadminpasswd: admin password changed ($f)"
[ "$(stat -c '%u %a' "$f")" = "2941 600" ] || fail "mode: $(stat -c '%u %a' "$f")"
grep -q '^\$y\$' "$f" || fail "not a yescrypt hash: $(cat "$f")"
run base "$TOP/vadminpasswd" --quiet --password='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'
expect_rc 0; expect_err ""
expect_file_eq "$f" '$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'
run base "$TOP/vadminpasswd" --lock
expect_rc 0; expect_err "vadminpasswd: admin password locked: vmailmgrd allows no admin access to this domain"
expect_file_eq "$f" '*'

# Bad input: nothing changes.
for args in "--password=two words" "--lock --remove" "extra" "--bogus"; do
  run base "$TOP/vadminpasswd" $args < /dev/null
  [ "$rc" = 0 ] && fail "vadminpasswd $args succeeded"
  expect_file_eq "$f" '*'
done
run base "$TOP/vadminpasswd" < /dev/null
expect_rc 1; expect_err "vadminpasswd: fatal: no password given"
run base "$TOP/vadminpasswd" < <(printf 'a\tb\n')
expect_rc 1; expect_err "vadminpasswd: fatal: the password contains a control character"
run base "$TOP/vadminpasswd" --bogus
expect_rc 2
expect_file_eq "$f" '*'

run base "$TOP/vadminpasswd" --remove
expect_rc 0; expect_err "vadminpasswd: $f removed: the base user's password is the admin password again"
[ -e "$f" ] && fail "not removed"
run base "$TOP/vadminpasswd" --remove
expect_rc 0; expect_err "vadminpasswd: there is no $f: nothing to remove"
exit 0
