# dovecotvpw, the helper dovecotvpw.lua runs, driven as the Lua drives it:
# the request on stdin, the answer in an existing file. Exact answers for
# logins (2.3 and 2.4 field names), ip-domains, every refusal kind, userdb
# lookups, legacy hashes (MD5-crypt, DES, $0$, VMailMgr's "3"+MD5) logging
# in and rehashed to yescrypt, malformed requests, and misuse.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/dovecotvpw/world.sh"

# ask [HELPER-OPTION...] -- LOGIN PASSWORD [LOCAL-IP]: $rc, $err, and the
# answer file's text in $out (tabs shown as |).
ask() {
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  printf '%s\0%s\0%s\0%s\0%s\0' "$1" "$2" "${3:-}" 192.0.2.7 imap > "$T/request"
  : > "$T/answer"
  run in_sandbox "$HELPER" "${opts[@]}" "$T/answer" < "$T/request"
  out=$(tr '\t' '|' < "$T/answer")
}

rm -f "$BASE_HOME/last-login/joe"
ask -- joe@example.test joe-secret
expect_rc 0 "login"
expect_err ""
# The login was recorded (SPEC §20), as the base user's file.
[ "$(stat -c %u:%a "$BASE_HOME/last-login/joe" 2>&1)" = 2901:600 ] || fail "joe's last login: $(ls -la "$BASE_HOME/last-login" 2>&1)"
expect_out "PASSDB_RESULT_OK|
user|joe@example.test
userdb_uid|2901
userdb_gid|2901
userdb_home|$J
userdb_mail|maildir:$J
userdb_quota_rule|*:storage=5000000B:messages=500"
ask --dovecot=2.4 -- JOE@Example.Test joe-secret
expect_out "PASSDB_RESULT_OK|
user|joe@example.test
userdb_uid|2901
userdb_gid|2901
userdb_home|$J
userdb_mail_driver|maildir
userdb_mail_path|$J
userdb_quota_storage_size|5000000
userdb_quota_message_count|500" "2.4 field names"

# A bare name through ip-domains (Dovecot's req.local_ip).
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"
ask -- joe joe-secret 127.0.0.1
expect_eq "$(head -n 2 <<<"$out")" "PASSDB_RESULT_OK|
user|joe@example.test" "ip-domains login"
ask -- joe joe-secret 192.0.2.99
expect_out "PASSDB_RESULT_USER_UNKNOWN|unknown user: joe" "another local address"

# Refusals, each with its kind.
ask -- joe@example.test wrong
expect_out "PASSDB_RESULT_PASSWORD_MISMATCH|wrong password: joe@example.test"
ask -- nobody@example.test x
expect_out "PASSDB_RESULT_USER_UNKNOWN|unknown user: nobody@example.test"
ask -- sales@example.test joe-secret
expect_out "PASSDB_RESULT_PASSWORD_MISMATCH|wrong password: sales@example.test" "an alias has no password"
ask -- dora@example.test dora-secret
expect_out "PASSDB_RESULT_USER_DISABLED|mailbox is disabled: dora@example.test"
ask -- eve@example.test eve-secret
expect_out "PASSDB_RESULT_USER_DISABLED|account has expired: eve@example.test"
ask -- joe@rootdom.test x
expect_eq "${out%%|*}" PASSDB_RESULT_USER_UNKNOWN "a base user with uid 0"

# userdb lookups: no password, unprefixed fields; every refusal is unknown.
ask --userdb --dovecot=2.4 -- joe@example.test ""
expect_out "USERDB_RESULT_OK|
user|joe@example.test
uid|2901
gid|2901
home|$J
mail_driver|maildir
mail_path|$J
quota_storage_size|5000000
quota_message_count|500"
for who in nobody sales + dora eve; do
  ask --userdb -- "$who@example.test" ""
  expect_eq "${out%%|*}" USERDB_RESULT_USER_UNKNOWN "userdb lookup of $who"
done

# A corrupt table is an internal failure, never "unknown".
cp "$BASE_HOME/passwd.cdb" "$T/good.cdb"
printf 'junk' > "$BASE_HOME/passwd.cdb"
ask -- joe@example.test joe-secret
expect_out "PASSDB_RESULT_INTERNAL_FAILURE|$BASE_HOME/passwd.cdb is corrupt: 4 bytes, shorter than the 2048-byte header"
cp "$T/good.cdb" "$BASE_HOME/passwd.cdb"

# Legacy hashes log in and are rehashed to the preferred method.
des=$(python3 -W ignore -c 'import crypt; print(crypt.crypt("des-pw", "ab"))')
md5hex=$(printf '%s' 'md5-pw' | md5sum | cut -c1-32)
"$TOOLS/mktable" "$BASE_HOME" <<EOF || fail "mktable failed"
joe pw=joe-secret personal=Joe_Example hardquota=5000000 msgcount=500
ann hash=$MD5_HASH
dee hash=$des
zed hash=\$0\$zero-pw
vm3 hash=3$md5hex
EOF
chown -R 2901:2901 "$BASE_HOME"
hash_of() {
  run in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups env HOME="$BASE_HOME" \
    "$TOP/dumpvuser" "$1"
  sed -n 's/^Encrypted-Password: //p' <<<"$out"
}
for pair in ann:Kestrel.Moss-42 dee:des-pw zed:zero-pw vm3:md5-pw; do
  name=${pair%%:*} pw=${pair#*:}
  old=$(hash_of "$name")
  ask -- "$name@example.test" "$pw.x"
  expect_eq "${out%%|*}" PASSDB_RESULT_PASSWORD_MISMATCH "$name, wrong password"
  ask --dovecot=2.4 -- "$name@example.test" "$pw"
  expect_eq "${out%%|*}" PASSDB_RESULT_OK "$name, legacy hash $old"
  new=$(hash_of "$name")
  case $new in '$y$'*) ;; *) fail "$name: not rehashed: [$new] (was [$old])" ;; esac
  ask -- "$name@example.test" "$pw"
  expect_eq "${out%%|*}" PASSDB_RESULT_OK "$name, after the rehash"
done
[ "$(stat -c %u:%a "$BASE_HOME/passwd.cdb")" = 2901:600 ] || fail "the rehashed table is not the base user's 0600"

# A hook that hangs is killed with everything it started after 4 s: an
# internal failure, and the helper ends in time.
printf '#!/bin/sh\nsleep 60 &\nsleep 60\n' > "$T/vmetc/checkvpw-presetuid"
chmod 755 "$T/vmetc/checkvpw-presetuid"
start=$(date +%s)
ask -- joe@example.test joe-secret
took=$(( $(date +%s) - start ))
expect_out "PASSDB_RESULT_INTERNAL_FAILURE|$T/vmetc/checkvpw-presetuid did not finish within ${out##*within }" "hanging hook"
[ "$took" -le 6 ] || fail "the helper took $took s with a hanging hook"
pgrep -f "$T/vmetc/checkvpw-presetuid" >/dev/null && fail "the hanging hook is still running"
rm "$T/vmetc/checkvpw-presetuid"

# The helper itself stuck (a setting that never reads: a FIFO without a
# writer, as a hung file system would be): the kernel ends it by its own
# alarm after 5 s, with no answer written; nothing else bounds it.
mkfifo "$T/vmetc/separators"
printf '%s\0%s\0\0\0imap\0' joe@example.test joe-secret > "$T/request"
: > "$T/answer"
start=$(date +%s)
run timeout -s KILL 20 "$TOP/tests/sandbox-exec" "$HELPER" "$T/answer" < "$T/request"
out=$(cat "$T/answer")
took=$(( $(date +%s) - start ))
rm "$T/vmetc/separators"
expect_rc 142 "a stuck helper ends by SIGALRM"
expect_out "" "a stuck helper answers nothing"
[ "$took" -ge 4 ] && [ "$took" -le 6 ] || fail "a stuck helper ended after $took s, not 5"
pgrep -f "$HELPER .*$T/answer" >/dev/null && fail "the stuck helper is still running"

# Malformed requests: an internal failure answer, never a login.
printf 'joe@example.test\0joe-secret' > "$T/request"
: > "$T/answer"
run in_sandbox "$HELPER" "$T/answer" < "$T/request"
expect_rc 0 "truncated request"
expect_eq "$(cut -f1 "$T/answer")" PASSDB_RESULT_INTERNAL_FAILURE "truncated request"
grep -q joe-secret "$T/answer" && fail "the password is echoed"
head -c 20000 /dev/zero > "$T/request"
run in_sandbox "$HELPER" "$T/answer" < "$T/request"
expect_rc 111 "oversized request: no answer (the Lua makes it an internal failure)"
expect_err "dovecotvpw: fatal: standard input is larger than 16384 bytes"

# Misuse: exit 2; an answer file that is not there: 111, nothing created.
run "$HELPER"
expect_rc 2 "no answer file"
run "$HELPER" --dovecot=3.0 "$T/answer"
expect_rc 2 "unknown version"
run in_sandbox "$HELPER" "$T/nothere" < "$T/request"
expect_rc 111 "missing answer file"
[ -e "$T/nothere" ] && fail "the helper created its answer file"
ln -s "$T/victim" "$T/link"
run in_sandbox "$HELPER" "$T/link" < "$T/request"
expect_rc 111 "symlinked answer file"
[ -e "$T/victim" ] && fail "the helper followed a symlink"
exit 0
