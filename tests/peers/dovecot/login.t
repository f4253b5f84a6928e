# Real Dovecot 2.3 with passdb checkpassword = checkvpw and userdb prefetch:
# a virtual user logs in over POP3 and IMAP, with curl and with Python's
# poplib/imaplib, and reads the message in its Maildir.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
need curl
need python3
dovecot_need
world_init
msg='From: sender@example.org
To: joe@example.test
Subject: hello from the test

the body line
'
printf '%s' "$msg" > "$BASE_HOME/users/joe/new/1700000000.M1P1.test"
chown -R 2901:2901 "$BASE_HOME"
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"  # Dovecot sets TCPLOCALIP only

dovecot_config "$T/dovecot" "$CHECKVPW" prefetch
dovecot_start in_sandbox
trap dovecot_stop EXIT
POP=pop3://127.0.0.1:$DOVECOT_POP3_PORT
IMAP=imap://127.0.0.1:$DOVECOT_IMAP_PORT
want=$(printf '%s' "$msg" | sed 's/$/\r/')

# curl, POP3 and IMAP, with the full address and with the ip-domains form.
for login in joe@example.test Joe@Example.TEST joe; do
  run curl -sS --max-time 20 --user "$login:joe-secret" "$POP/1"
  expect_rc 0 "curl pop3 $login (log: $(dovecot_log | tail -n 5))"
  expect_eq "$out" "$want" "curl pop3 retr as $login (CRLF on the wire)"
  run curl -sS --max-time 20 --user "$login:joe-secret" "$IMAP/INBOX;UID=1"
  expect_rc 0 "curl imap $login"
  expect_eq "$out" "$want" "curl imap fetch as $login"
done

# Python's poplib and imaplib: byte-exact message, and the name Dovecot
# knows the user by is the one checkvpw gave (USER=joe@example.test).
run python3 - "$DOVECOT_POP3_PORT" "$DOVECOT_IMAP_PORT" <<'PY'
import imaplib, poplib, sys
pop_port, imap_port = int(sys.argv[1]), int(sys.argv[2])
p = poplib.POP3("127.0.0.1", pop_port, timeout=20)
p.user("joe")
p.pass_("joe-secret")
count, size = p.stat()
resp, lines, octets = p.retr(1)
p.quit()
print("pop3", count, size, b"\n".join(lines).decode())
m = imaplib.IMAP4("127.0.0.1", imap_port)
m.login("joe@example.test", "joe-secret")
typ, data = m.select("INBOX")
print("imap select", typ, data[0].decode())
typ, data = m.fetch(b"1", "(RFC822)")
print("imap fetch", typ)
sys.stdout.write(data[0][1].decode())
m.logout()
PY
expect_rc 0 "python clients (stderr: $err)"
size=$(( ${#msg} + $(printf '%s' "$msg" | wc -l) ))  # with CRLF line ends
expect_eq "$out" "pop3 1 $size ${msg%$'\n'}
imap select OK 1
imap fetch OK
$want" "python poplib/imaplib"
dovecot_log | grep -q 'pop3-login: Info: Login: user=<joe@example.test>' ||
  fail "Dovecot does not know the user as joe@example.test"
dovecot_stop
exit 0
