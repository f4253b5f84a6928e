# Courier-IMAP 5 (Debian 12's imaplogin + imapd, unpacked: the package
# conflicts with Dovecot's) behind couriertcpd on 127.0.0.1, authenticating
# through authdaemond and authvmailmgr: alice@example.test logs in and reads
# the message vdeliver stored, byte for byte; imapd runs as the base user
# with its groups; bad logins are refused; a password changed through
# authdaemond is the one that works at the next login.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/courier.sh"
need python3
courier_need
world_init
"$TOOLS/mktable" "$BASE_HOME" <<<"alice pw=alice-secret personal=Alice" || fail "mktable alice"
chown -R 2901:2901 "$BASE_HOME"
courier_config "$T/courier"
courier_imap_need

# Mail for alice, delivered the standalone way as the base user.
MSG=$'From: bob@sender.test\nTo: alice@example.test\nSubject: through Courier\n\nfirst line\n\ttabbed line\n'
run_in "$MSG" in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups \
  env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" HOME="$BASE_HOME" SENDER=bob@sender.test \
  "$TOP/vdeliver" --recipient alice --domain example.test
expect_rc 0 "vdeliver (stderr: $err)"
stored=$(ls "$BASE_HOME/users/alice/new/")
[ "$(wc -l <<<"$stored")" = 1 ] || fail "not one message in alice's new/: $stored"
STORED=$BASE_HOME/users/alice/new/$stored
expect_eq "$(cat "$STORED")" "Return-Path: <bob@sender.test>
Delivered-To: alice@example.test
${MSG%$'\n'}" "the stored message"
cp "$STORED" "$T/stored.eml"  # imapd moves it to cur/ at the first look

courier_start
trap courier_stop EXIT
courier_imap_start

# login.py LOGIN PASSWORD: logs in, reads message 1 and compares it with the
# stored file (CRLF on the wire); prints the identity of the imapd process
# serving it, found by its executable while the session is open.
cat > "$T/login.py" <<'PY'
import imaplib, os, sys
port, login, password, stored, imapd = sys.argv[1:6]
m = imaplib.IMAP4("127.0.0.1", int(port), timeout=30)
m.login(login, password)
typ, data = m.select("INBOX")
print("select", typ, data[0].decode())
typ, data = m.fetch(b"1", "(RFC822)")
want = open(stored, "rb").read().replace(b"\n", b"\r\n")
print("fetch", typ, "identical" if data[0][1] == want else "DIFFERENT: %r" % data[0][1])
for pid in os.listdir("/proc"):
    try:
        if os.readlink(f"/proc/{pid}/exe") != imapd:
            continue
        status = open(f"/proc/{pid}/status").read().splitlines()
    except OSError:
        continue
    print(" ".join(l.split(":")[0] + "=" + ",".join(l.split()[1:]) for l in status
                   if l.startswith(("Uid:", "Gid:", "Groups:"))))
m.logout()
PY
IMAPD=$COURIER_IMAP_ROOT/usr/bin/imapd
run python3 "$T/login.py" "$COURIER_IMAP_PORT" alice@example.test alice-secret "$T/stored.eml" "$IMAPD"
expect_rc 0 "alice over IMAP (stderr: $err; log: $(courier_log | tail -n 20))"
# imapd runs as the base user, with its supplementary group (vmtmail, 3902).
expect_out "select OK 1
fetch OK identical
Uid=2901,2901,2901,2901 Gid=2901,2901,2901,2901 Groups=2901,3902"
# What imapd wrote in the Maildir belongs to the base user.
expect_eq "$(stat -c %u:%g "$BASE_HOME/users/alice/courierimapuiddb")" 2901:2901 "imapd's files"

# A new password through authdaemond (authtest's change mode).
run courier_in authtest -s imap alice@example.test alice-secret alice-new
expect_rc 0 "password change through authdaemond"
expect_err "Password change succeeded."
expect_eq "$(stat -c '%u:%g %a' "$BASE_HOME/passwd.cdb")" "2901:2901 600" "table after the change"

# The next logins, all at once (Courier answers a failed login after ~5 s):
# only the new password opens the mailbox; every refusal is refused.
run python3 - "$COURIER_IMAP_PORT" <<'PY'
import imaplib, sys, threading
port = int(sys.argv[1])
tries = [("alice@example.test", "alice-new"), ("alice@example.test", "alice-secret"),
         ("nobody@example.test", "x"), ("joe@example.test", "wrong"),
         ("dora@example.test", "dora-secret"), ("eve@example.test", "eve-secret"),
         ("sales@example.test", "joe-secret"), ("alice", "alice-new")]
results = {}
def attempt(i, login, password):
    try:
        m = imaplib.IMAP4("127.0.0.1", port, timeout=30)
        m.login(login, password)
        typ, data = m.select("INBOX")
        results[i] = "ok %s" % data[0].decode()
        m.logout()
    except imaplib.IMAP4.error as e:
        results[i] = "refused %s" % e
threads = [threading.Thread(target=attempt, args=(i, l, p)) for i, (l, p) in enumerate(tries)]
for t in threads: t.start()
for t in threads: t.join()
for i, (login, password) in enumerate(tries):
    print(login, password, results.get(i))
PY
expect_rc 0 "the next logins (stderr: $err)"
# "alice" alone has no domain and no default-domain is set: refused.
expect_out "alice@example.test alice-new ok 1
alice@example.test alice-secret refused b'Login failed.'
nobody@example.test x refused b'Login failed.'
joe@example.test wrong refused b'Login failed.'
dora@example.test dora-secret refused b'Login failed.'
eve@example.test eve-secret refused b'Login failed.'
sales@example.test joe-secret refused b'Login failed.'
alice alice-new refused b'Login failed.'"
grep -q 'INFO: LOGIN, user=alice@example.test, ip=\[::ffff:127.0.0.1\]' "$COURIER_DIR/imapd.log" ||
  fail "imapd did not log alice's login: $(courier_log)"
expect_eq "$(grep -c 'INFO: LOGIN FAILED' "$COURIER_DIR/imapd.log")" 7 "failed logins in imapd's log"
courier_stop
exit 0
