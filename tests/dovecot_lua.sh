# The checks of vmailmgr's Lua glue under a real Dovecot, shared by the 2.3
# test (tests/peers/dovecot/lua.t) and the 2.4 one (tests/peers/dovecot24/
# lua.t). Sourced after tests/lib.sh, tests/e2e/checkvpw/world.sh and
# tests/dovecot.sh, with world_init done and Dovecot started.
# lua_checks DOVEADM MAIL-FIELD QUOTA-FIELD QUOTA-VALUE
#   DOVEADM: the doveadm of that Dovecot; MAIL-FIELD and QUOTA-FIELD: the
#   userdb fields holding the Maildir and the quota in that version, with
#   the values expected for joe.
# lua_hang_checks: a hook that hangs and a helper that is stuck (a setting
#   that never reads) each give the clients a temporary failure within the
#   helper's own bounds (4 s for hooks, 5 s for the helper, no timeout
#   wrapper), and the auth worker serves the next login.

# lua_answers LOGIN PASSWORD: "POP3-ANSWER | IMAP-ANSWER" as Python's
# clients see them.
lua_answers() {
  python3 - "$DOVECOT_POP3_PORT" "$DOVECOT_IMAP_PORT" "$1" "$2" <<'PY'
import imaplib, poplib, sys
pop_port, imap_port, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
p = poplib.POP3("127.0.0.1", pop_port, timeout=20)
p.user(user)
try:
    pop = p.pass_(password).decode()
except poplib.error_proto as e:
    pop = e.args[0].decode()
m = imaplib.IMAP4("127.0.0.1", imap_port, timeout=20)
try:
    imap = m.login(user, password)[0]
except imaplib.IMAP4.error as e:
    imap = e.args[0].decode() if isinstance(e.args[0], bytes) else str(e.args[0])
print(pop, "|", imap)
PY
}

lua_checks() {
  local doveadm=$1 mail_field=$2 mail_value=$3 quota_field=$4 quota_value=$5
  local J=$BASE_HOME/users/joe login file want pair

  # A message delivered by vdeliver (qmail's environment, as the base user)
  # reads back byte for byte over POP3 and IMAP.
  printf 'From: sender@example.org\nTo: joe@example.test\nSubject: through Lua\n\n.a dot line\nbody\n' |
    in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups env -i PATH=/usr/bin:/bin \
      VMAILMGR_ETC="$VMAILMGR_ETC" USER=vmtbase HOME="$BASE_HOME" EXT=joe HOST=example.test \
      SENDER=sender@example.org "DTLINE=Delivered-To: vmtbase-joe@example.test
" "RPLINE=Return-Path: <sender@example.org>
" "$TOP/vdeliver" || fail "vdeliver failed"
  file=$(ls "$J/new/")
  [ -n "$file" ] || fail "vdeliver stored nothing"
  want=$(sed 's/$/\r/' "$J/new/$file")
  for login in joe@example.test Joe@Example.TEST joe; do
    run curl -sS --max-time 20 --user "$login:joe-secret" "pop3://127.0.0.1:$DOVECOT_POP3_PORT/1"
    expect_rc 0 "curl pop3 $login (log: $(dovecot_log | tail -n 5))"
    expect_eq "$out" "$want" "pop3 read back as $login"
    run curl -sS --max-time 20 --user "$login:joe-secret" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX;UID=1"
    expect_rc 0 "curl imap $login"
    expect_eq "$out" "$want" "imap read back as $login"
  done
  dovecot_log | grep -Eq 'imap-login: Info: (Login|Logged in): user=<joe@example.test>' ||
    fail "Dovecot does not know the user as joe@example.test"
  # The mail processes ran as the base user: the files Dovecot made are its own.
  [ "$(stat -c %u:%g "$J/dovecot-uidlist")" = 2901:2901 ] ||
    fail "dovecot-uidlist is not the base user's: $(stat -c %u:%g "$J/dovecot-uidlist")"

  # Refusals are login failures; a corrupt table is a temporary one.
  for pair in joe@example.test:wrong nobody@example.test:joe-secret sales@example.test:joe-secret \
      '+@example.test:*' eve@example.test:eve-secret dora@example.test:dora-secret \
      joe@gone.test:joe-secret joe@rootdom.test:joe-secret; do
    run lua_answers "${pair%%:*}" "${pair#*:}"
    expect_rc 0 "python client for $pair"
    expect_out "-ERR [AUTH] Authentication failed. | [AUTHENTICATIONFAILED] Authentication failed." "$pair"
  done
  dovecot_log | grep -q 'dovecotvpw: wrong password: joe@example.test' ||
    fail "the kind of refusal is not in Dovecot's log"
  dovecot_log | grep -q 'dovecotvpw: account has expired: eve@example.test' ||
    fail "the expired account is not in Dovecot's log"
  cp "$BASE_HOME/passwd.cdb" "$T/good.cdb"
  printf 'junk' > "$BASE_HOME/passwd.cdb"
  run lua_answers joe@example.test joe-secret
  case $out in
    "-ERR [SYS/TEMP] Temporary authentication failure."*"| [UNAVAILABLE] Temporary authentication failure."*) ;;
    *) fail "corrupt table: expected a temporary failure, got [$out]" ;;
  esac
  cp "$T/good.cdb" "$BASE_HOME/passwd.cdb"

  # A legacy MD5-crypt hash logs in (2.4 needs no auth_allow_weak_schemes:
  # the helper checks it) and is replaced by yescrypt.
  run lua_answers ann@example.test Kestrel.Moss-42
  expect_out "+OK Logged in. | OK" "legacy MD5-crypt login"
  run in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups env HOME="$BASE_HOME" \
    "$TOP/dumpvuser" ann
  case $out in *'Encrypted-Password: $y$'*) ;; *) fail "ann was not rehashed: $out" ;; esac
  run lua_answers ann@example.test Kestrel.Moss-42
  expect_out "+OK Logged in. | OK" "login after the rehash"

  # doveadm user: the userdb lookup without a login.
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" user -f uid joe@example.test
  expect_rc 0 "doveadm user (log: $(dovecot_log | tail -n 5))"
  expect_out 2901
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" user -f gid joe@example.test
  expect_out 2901
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" user -f home joe@example.test
  expect_out "$J"
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" user -f "$mail_field" joe@example.test
  expect_out "$mail_value" "doveadm user -f $mail_field"
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" user -f "$quota_field" joe@example.test
  expect_out "$quota_value" "doveadm user -f $quota_field"
  # The quota plugin enforces the account's limits (5000000 bytes, 500 messages).
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" quota get -u joe@example.test
  expect_rc 0 "doveadm quota get"
  grep -Eq "STORAGE +[0-9]+ +488[23] " <<<"$out" || fail "storage limit: $out"
  grep -Eq "MESSAGE +1 +500 " <<<"$out" || fail "message limit: $out"
  for login in nobody@example.test sales@example.test eve@example.test dora@example.test; do
    run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" user "$login"
    expect_rc 67 "doveadm user $login: unknown"
  done

  # doveadm auth test: the passdb alone.
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" auth test joe@example.test joe-secret
  expect_rc 0 "doveadm auth test"
  grep -q "passdb: joe@example.test auth succeeded" <<<"$out" || fail "doveadm auth test: $out"
  grep -Eq "user( *: *|=)joe@example.test" <<<"$out" || fail "doveadm auth test, user field: $out"
  run in_sandbox "$doveadm" -c "$DOVECOT_DIR/dovecot.conf" auth test joe@example.test wrong
  expect_rc 77 "doveadm auth test with a wrong password"
}

# lua_temporary_failures WHAT MAX-SECONDS: joe's POP3 and IMAP logins are
# both temporary failures, within MAX-SECONDS together.
lua_temporary_failures() {
  local start took
  start=$(date +%s)
  run lua_answers joe@example.test joe-secret
  took=$(( $(date +%s) - start ))
  case $out in
    "-ERR [SYS/TEMP] Temporary authentication failure."*"| [UNAVAILABLE] Temporary authentication failure."*) ;;
    *) fail "$1: expected a temporary failure, got [$out]" ;;
  esac
  [ "$took" -le "$2" ] || fail "two logins with $1 took $took s"
}

lua_hang_checks() {
  printf '#!/bin/sh\nsleep 60\n' > "$T/vmetc/checkvpw-presetuid"
  chmod 755 "$T/vmetc/checkvpw-presetuid"
  lua_temporary_failures "a hanging hook" 12
  rm "$T/vmetc/checkvpw-presetuid"
  run lua_answers joe@example.test joe-secret
  expect_out "+OK Logged in. | OK" "the login after the hanging hook"
  # A FIFO without a writer: the helper blocks opening it, as on a hung file system.
  mkfifo "$T/vmetc/separators"
  lua_temporary_failures "a stuck helper" 14
  rm "$T/vmetc/separators"
  run lua_answers joe@example.test joe-secret
  expect_out "+OK Logged in. | OK" "the login after the stuck helper"
  dovecot_log | grep -q 'dovecotvpw gave no answer' ||
    fail "the stuck helper's failure is not in the log: $(dovecot_log | tail -n 5)"
}
