# Real Dovecot 2.3 with checkvpw as passdb AND userdb (driver = checkpassword):
# the userdb lookup is a second checkvpw run with AUTHORIZED=1, answered with
# AUTHORIZED=2 (exit 2) for an account and exit 3 for anything else.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
need curl
need python3
dovecot_need
world_init
msg='Subject: via userdb checkpassword

body
'
printf '%s' "$msg" > "$BASE_HOME/users/joe/new/1700000001.M2P2.test"
chown -R 2901:2901 "$BASE_HOME"
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"

dovecot_config "$T/dovecot" "$CHECKVPW" checkpassword
dovecot_start in_sandbox
trap dovecot_stop EXIT
want=$(printf '%s' "$msg" | sed 's/$/\r/')

# The userdb lookup on its own (doveadm user), with the fields checkvpw gave.
run in_sandbox doveadm -c "$DOVECOT_DIR/dovecot.conf" user -f uid joe@example.test
expect_rc 0 "doveadm user joe (log: $(dovecot_log | tail -n 5))"
expect_out "2901"
for field in gid home mail quota_rule; do
  run in_sandbox doveadm -c "$DOVECOT_DIR/dovecot.conf" user -f "$field" joe@example.test
  case $field in
    gid) expect_out "2901" ;;
    home) expect_out "$BASE_HOME/users/joe" ;;
    mail) expect_out "maildir:$BASE_HOME/users/joe" ;;
    quota_rule) expect_out "*:storage=5000000B:messages=500" ;;
  esac
done
for who in nobody@example.test sales@example.test +@example.test eve@example.test dora@example.test; do
  run in_sandbox doveadm -c "$DOVECOT_DIR/dovecot.conf" user "$who"
  expect_rc 67 "doveadm user $who: unknown (exit 3 from checkvpw)"
done

# Logins: passdb then userdb, both through checkvpw.
for login in joe@example.test joe; do
  run curl -sS --max-time 20 --user "$login:joe-secret" "pop3://127.0.0.1:$DOVECOT_POP3_PORT/1"
  expect_rc 0 "curl pop3 $login (log: $(dovecot_log | tail -n 5))"
  expect_eq "$out" "$want" "curl pop3 $login"
  run curl -sS --max-time 20 --user "$login:joe-secret" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX;UID=1"
  expect_rc 0 "curl imap $login"
  expect_eq "$out" "$want" "curl imap $login"
done
run python3 - "$DOVECOT_POP3_PORT" "$DOVECOT_IMAP_PORT" <<'PY'
import imaplib, poplib, sys
p = poplib.POP3("127.0.0.1", int(sys.argv[1]), timeout=20)
p.user("joe@example.test"); p.pass_("joe-secret")
print("pop3", b"|".join(p.retr(1)[1]).decode()); p.quit()
m = imaplib.IMAP4("127.0.0.1", int(sys.argv[2]))
m.login("joe", "joe-secret"); m.select("INBOX")
print("imap", m.fetch(b"1", "(BODY[HEADER.FIELDS (SUBJECT)])")[1][0][1].decode().strip())
m.logout()
PY
expect_rc 0 "python clients (stderr: $err)"
expect_out "pop3 Subject: via userdb checkpassword||body
imap Subject: via userdb checkpassword"
dovecot_stop
exit 0
