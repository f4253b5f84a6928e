# courier-pop (Debian 12's courierpop3login + courierpop3d, unpacked) behind
# couriertcpd on 127.0.0.1, authenticating through authdaemond and
# authvmailmgr: alice@example.test logs in with USER/PASS and RETRs the
# message vdeliver stored, byte for byte; courierpop3d runs as the base user
# with its groups; a wrong password, an unknown, disabled or expired account
# and an alias are refused.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/courier.sh"
need python3
courier_need
world_init
"$TOOLS/mktable" "$BASE_HOME" <<<"alice pw=alice-secret personal=Alice" || fail "mktable alice"
chown -R 2901:2901 "$BASE_HOME"
courier_config "$T/courier"
courier_pop_need

MSG=$'From: bob@sender.test\nTo: alice@example.test\nSubject: through courier-pop\n\nfirst line\n.dot line\n'
run_in "$MSG" in_sandbox setpriv --reuid=2901 --regid=2901 --init-groups \
  env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" HOME="$BASE_HOME" SENDER=bob@sender.test \
  "$TOP/vdeliver" --recipient alice --domain example.test
expect_rc 0 "vdeliver (stderr: $err)"
stored=$(ls "$BASE_HOME/users/alice/new/")
[ "$(wc -l <<<"$stored")" = 1 ] || fail "not one message in alice's new/: $stored"
cp "$BASE_HOME/users/alice/new/$stored" "$T/stored.eml"  # pop3d may move it to cur/

courier_start
trap courier_stop EXIT
courier_pop_start

# Every login at once (a refused one is answered after a delay). Alice's
# session RETRs message 1 (poplib undoes the dot-stuffing; CRLF on the
# wire) and, while it is open, prints the identity of the courierpop3d
# process serving it.
run python3 - "$COURIER_POP_PORT" "$T/stored.eml" "$COURIER_ROOT/usr/lib/courier/courier/courierpop3d" <<'PY'
import os, poplib, sys, threading
port, stored, pop3d = int(sys.argv[1]), sys.argv[2], sys.argv[3]
tries = [("alice@example.test", "alice-secret"), ("alice@example.test", "wrong"),
         ("nobody@example.test", "x"), ("dora@example.test", "dora-secret"),
         ("eve@example.test", "eve-secret"), ("sales@example.test", "joe-secret")]
results = {}
def identity():
    for pid in os.listdir("/proc"):
        try:
            if os.readlink(f"/proc/{pid}/exe") != pop3d:
                continue
            status = open(f"/proc/{pid}/status").read().splitlines()
        except OSError:
            continue
        return " ".join(l.split(":")[0] + "=" + ",".join(l.split()[1:]) for l in status
                        if l.startswith(("Uid:", "Gid:", "Groups:")))
    return "no courierpop3d"
def attempt(i, login, password):
    try:
        p = poplib.POP3("127.0.0.1", port, timeout=30)
        p.user(login)
        p.pass_(password)
        count, size = p.stat()
        resp, lines, octets = p.retr(1)
        want = open(stored, "rb").read()
        got = b"\n".join(lines) + b"\n"
        results[i] = "ok %d %s; %s" % (count, "identical" if got == want else "DIFFERENT: %r" % got,
                                        identity())
        p.quit()
    except poplib.error_proto as e:
        results[i] = "refused %s" % e
threads = [threading.Thread(target=attempt, args=(i, l, p)) for i, (l, p) in enumerate(tries)]
for t in threads: t.start()
for t in threads: t.join()
for i, (login, password) in enumerate(tries):
    print(login, password, results.get(i))
PY
expect_rc 0 "POP3 logins (stderr: $err; log: $(courier_log | tail -n 20))"
expect_out "alice@example.test alice-secret ok 1 identical; Uid=2901,2901,2901,2901 Gid=2901,2901,2901,2901 Groups=2901,3902
alice@example.test wrong refused b'-ERR Login failed.'
nobody@example.test x refused b'-ERR Login failed.'
dora@example.test dora-secret refused b'-ERR Login failed.'
eve@example.test eve-secret refused b'-ERR Login failed.'
sales@example.test joe-secret refused b'-ERR Login failed.'"
grep -q 'INFO: LOGIN, user=alice@example.test, ip=\[::ffff:127.0.0.1\]' "$COURIER_DIR/pop3d.log" ||
  fail "courier-pop did not log alice's login: $(courier_log)"
expect_eq "$(grep -c 'INFO: LOGIN FAILED' "$COURIER_DIR/pop3d.log")" 5 "failed logins in pop3d's log"
courier_stop
exit 0
