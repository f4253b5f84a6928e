# Real Dovecot 2.3: wrong password, unknown user, alias, expired and disabled
# accounts are refused as login failures ([AUTH] / [AUTHENTICATIONFAILED]),
# not as temporary failures — which a broken table does give ([SYS/TEMP] /
# [UNAVAILABLE]). With userdb prefetch and with userdb checkpassword.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
need curl
need python3
dovecot_need
world_init
# A second domain whose table is corrupt, for the temporary-failure contrast.
sandbox_user vmtbroken 2904
echo 'broken.test:vmtbroken' >> "$T/qmail/control/virtualdomains"
printf 'not a cdb' > "$T/home/vmtbroken/passwd.cdb"
chown 2904:2904 "$T/home/vmtbroken/passwd.cdb"

# answers LOGIN PASSWORD: "POP3-ANSWER | IMAP-ANSWER" as the Python clients see them.
answers() {
  python3 - "$DOVECOT_POP3_PORT" "$DOVECOT_IMAP_PORT" "$1" "$2" <<'PY'
import imaplib, poplib, sys
pop_port, imap_port, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
p = poplib.POP3("127.0.0.1", pop_port, timeout=20)
p.user(user)
try:
    pop = p.pass_(password).decode()
except poplib.error_proto as e:
    pop = e.args[0].decode()
m = imaplib.IMAP4("127.0.0.1", imap_port)
try:
    imap = m.login(user, password)[0]
except imaplib.IMAP4.error as e:
    imap = e.args[0].decode() if isinstance(e.args[0], bytes) else str(e.args[0])
print(pop, "|", imap)
PY
}

for userdb in prefetch checkpassword; do
  dovecot_config "$T/dovecot-$userdb" "$CHECKVPW" "$userdb"
  dovecot_start in_sandbox
  trap dovecot_stop EXIT
  refused="-ERR [AUTH] Authentication failed. | [AUTHENTICATIONFAILED] Authentication failed."
  for pair in joe@example.test:wrong nobody@example.test:joe-secret sales@example.test:joe-secret \
      '+@example.test:*' eve@example.test:eve-secret dora@example.test:dora-secret \
      joe@gone.test:joe-secret joe@rootdom.test:joe-secret '../joe@example.test:joe-secret'; do
    login=${pair%%:*} password=${pair#*:}
    run answers "$login" "$password"
    expect_rc 0 "python client for $login"
    expect_out "$refused"
    [ "$userdb" = prefetch ] || continue  # curl's view once is enough (each refusal costs time)
    run curl -sS --max-time 20 --user "$login:$password" "pop3://127.0.0.1:$DOVECOT_POP3_PORT/"
    expect_rc 67 "curl pop3 $login"
    expect_err "curl: (67) Login denied"
    run curl -sS --max-time 20 --user "$login:$password" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX"
    expect_rc 67 "curl imap $login"
  done
  run answers anyone@broken.test x
  case $out in
    "-ERR [SYS/TEMP] Temporary authentication failure."*"| [UNAVAILABLE] Temporary authentication failure."*) ;;
    *) fail "broken table ($userdb): expected a temporary failure, got [$out]" ;;
  esac
  run answers joe@example.test joe-secret
  case $out in
    "+OK Logged in. | OK") ;;
    *) fail "good login ($userdb): [$out]" ;;
  esac
  dovecot_log | grep -q "checkvpw: fatal: temporary failure: $T/home/vmtbroken/passwd.cdb is corrupt" ||
    fail "the broken table's reason is not in Dovecot's log ($userdb)"
  dovecot_stop
done
exit 0
