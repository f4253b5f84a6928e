# checkvpw in Dovecot mode driving Dovecot's own checkpassword-reply, the
# way Dovecot's auth process runs it (ORIG_UID set, reply on fd 4): the
# exact fields, the exit codes of logins and of AUTHORIZED lookups.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
dovecot_need
world_init
REPLY=/usr/lib/dovecot/checkpassword-reply
J=$BASE_HOME/users/joe

# reply LOGIN PASSWORD [VAR=VALUE...]: $rc, $err, and the fd-4 answer in $out.
reply() {
  local login=$1 password=$2; shift 2
  cvw_req "$login" "$password"
  : > "$T/fd4"
  run in_sandbox env ORIG_UID=0 SERVICE=pop3 TCPLOCALIP=127.0.0.1 "$@" \
    "$CHECKVPW" "$REPLY" 3<"$T/req" 4>"$T/fd4"
  out=$(tr '\t' '|' < "$T/fd4")
}

reply joe@example.test joe-secret
expect_rc 0 "login"
expect_err ""
expect_out "user=joe@example.test|userdb_home=$J|userdb_uid=2901|userdb_gid=2901|userdb_home=$J|userdb_mail=maildir:$J|userdb_quota_rule=*:storage=5000000B:messages=500|"
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"
reply JOE joe-secret
expect_rc 0 "login through ip-domains"
expect_eq "${out%%|*}" "user=joe@example.test" "the name Dovecot will use"
reply vmtsys@localhost sys-secret  # (without a domain, ip-domains would apply)
expect_rc 0 "system user"
expect_out "user=vmtsys|userdb_home=$SYS_HOME|userdb_uid=2902|userdb_gid=2902|userdb_home=$SYS_HOME|userdb_mail=maildir:$SYS_HOME/Maildir|"

# Refusals: exit 1, nothing on fd 4.
for pair in joe@example.test:wrong nobody@example.test:x sales@example.test:x \
    eve@example.test:eve-secret dora@example.test:dora-secret; do
  reply "${pair%%:*}" "${pair#*:}"
  expect_rc 1 "refusal of $pair"
  expect_out ""
done

# Lookups (AUTHORIZED=1, empty password): exit 2 with the fields, or 3.
reply joe@example.test "" AUTHORIZED=1
expect_rc 2 "lookup of an account"
expect_out "user=joe@example.test|userdb_home=$J|userdb_uid=2901|userdb_gid=2901|userdb_home=$J|userdb_mail=maildir:$J|userdb_quota_rule=*:storage=5000000B:messages=500|"
for who in nobody@example.test sales@example.test +@example.test eve@example.test dora@example.test joe@rootdom.test; do
  reply "$who" "" AUTHORIZED=1
  expect_rc 3 "lookup of $who"
  expect_out ""
done
# A broken table is an internal failure, not "unknown".
printf 'junk' > "$BASE_HOME/passwd.cdb"
reply joe@example.test "" AUTHORIZED=1
expect_rc 111 "lookup with a corrupt table"
exit 0
