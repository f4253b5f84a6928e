# authvmailmgr driven directly over a pipe, as authdaemond drives it: one
# process answers many requests in turn (each reply read before the next
# request is sent), bad input (a 100 kB line, missing fields, NUL bytes,
# unknown commands, an over-long AUTH body) answers FAIL and the process goes
# on; end of file ends it with 0. Nothing but replies reaches standard
# output, not even from a hook that writes there; PASSWD and rehash on login
# leave the table the base user's, mode 0600.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
need python3
AVM=$TOP/authvmailmgr
[ -x "$AVM" ] || fail "authvmailmgr is not built"
world_init
echo example.test > "$T/vmetc/default-domain"
LOG=$T/marks/hooks.log
: > "$LOG"
chmod 666 "$LOG"
# The loginfail hooks: they write to standard output and read standard
# input on purpose; neither may touch the protocol.
cat > "$T/vmetc/authvmailmgr-loginfail" <<EOS
#!/bin/sh
echo "hook output on stdout"
read -r line && echo "hook read: \$line" >> "$LOG"
echo "global uid=\$(id -u) err=\$AUTHVMAILMGR_ERROR" >> "$LOG"
EOS
mkdir -p "$BASE_HOME/.vmailmgr"
cat > "$BASE_HOME/.vmailmgr/authvmailmgr-loginfail" <<EOS
#!/bin/sh
echo "domain uid=\$(id -u) err=\$AUTHVMAILMGR_ERROR" >> "$LOG"
EOS
chmod 755 "$T/vmetc/authvmailmgr-loginfail" "$BASE_HOME/.vmailmgr/authvmailmgr-loginfail"
chown -R 2901:2901 "$BASE_HOME/.vmailmgr"

# The conversation: each request, then exactly the reply expected for it.
# A TCPLOCALHOST in the environment must not matter (Courier never sets it
# per connection): a bare "joe" is joe@example.test through default-domain.
run in_sandbox env TCPLOCALHOST=elsewhere.test TCPLOCALIP=127.0.0.9 \
  python3 - "$AVM" "$BASE_HOME" <<'PY'
import os, select, subprocess, sys
prog, home = sys.argv[1], sys.argv[2]

def fields(name, quota=None, person=None):
    d = f"{home}/users/{name}"
    out = f"ADDRESS={name}@example.test\nUSERNAME=vmtbase\nUID=2901\nGID=2901\nHOME={d}\nMAILDIR={d}\n"
    if quota: out += f"QUOTA={quota}\n"
    if person: out += f"NAME={person}\n"
    return (out + ".\n").encode()

def auth(login, password, authtype=b"login", service=b"imap"):
    body = service + b"\n" + authtype + b"\n" + login + b"\n" + password + b"\n"
    return b"AUTH %d\n" % len(body) + body

JOE = fields("joe", "5000000S,500C", "Joe_Example")
ANN = fields("ann")
FAIL = b"FAIL\n"
LISTING = b"".join(
    f"{n}@example.test\t2901\t2901\t{home}/users/{n}\t{home}/users/{n}\t\n".encode()
    for n in ("ann", "dora", "eve", "joe")) + b".\n"
big_body = b"imap\nlogin\njoe\n" + b"p" * 20000 + b"\n"
steps = [
    (b"PRE . imap joe@example.test\n", JOE),
    (auth(b"joe@example.test", b"joe-secret"), JOE),
    (auth(b"JOE@Example.Test", b"joe-secret"), JOE),
    (auth(b"joe", b"joe-secret"), JOE),
    (b"x" * 100000 + b"\n", FAIL),                      # a 100 kB line
    (auth(b"joe@example.test", b"joe-secret", service=b"pop3"), JOE),
    (auth(b"joe@example.test", b"wrong"), FAIL),
    (auth(b"nobody@example.test", b"joe-secret"), FAIL),
    (auth(b"sales@example.test", b"joe-secret"), FAIL),    # an alias (hash *)
    (auth(b"dora@example.test", b"dora-secret"), FAIL),    # disabled
    (auth(b"eve@example.test", b"eve-secret"), FAIL),      # expired
    (auth(b"joe@rootdom.test", b"joe-secret"), FAIL),      # base user root
    (auth(b"joe@example.test", b"joe-secret", b"cram-md5"), FAIL),
    (b"PRE . imap\n", FAIL),                               # missing fields
    (b"PASSWD imap\tjoe@example.test\tjoe-secret\n", FAIL),
    (b"AUTH\n", FAIL),
    (b"AUTH 19\nimap\nlogin\n\x00joe\npw\n", FAIL),        # NUL bytes
    (b"PRE . imap jo\x00e@example.test\n", FAIL),
    (b"HELO\n", FAIL),                                     # unknown commands
    (b"enumerate\n", FAIL),
    (b"AUTH %d\n" % len(big_body) + big_body, FAIL),       # an over-long body
    (b"ENUMERATE\n", LISTING),
    (auth(b"ann@example.test", b"Kestrel.Moss-42"), ANN),  # MD5-crypt: rehashed
    (auth(b"ann@example.test", b"Kestrel.Moss-42"), ANN),
    (b"PASSWD imap\tjoe@example.test\twrong\tnew-secret\n", FAIL),
    (b"PASSWD imap\tjoe@example.test\tjoe-secret\tbad\x07new\n", FAIL),
    (b"PASSWD imap\tjoe@example.test\tjoe-secret\tnew secret\n", b"OK\n"),
    (auth(b"joe@example.test", b"joe-secret"), FAIL),
    (auth(b"joe@example.test", b"new secret"), JOE),
    (b"PASSWD imap\tvmtsys@localhost\tsys-secret\tnew\n", FAIL),  # not ours
    (auth(b"vmtsys@localhost", b"sys-secret"), b"ADDRESS=vmtsys\nUSERNAME=vmtsys\nUID=2902\nGID=2902\n"
                                     b"HOME=" + home.replace("vmtbase", "vmtsys").encode() +
                                     b"\nMAILDIR=" + home.replace("vmtbase", "vmtsys").encode() +
                                     b"/Maildir\n.\n"),
]
p = subprocess.Popen([prog], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

def read_reply():  # one whole reply, within 10 s (a hang is a failure, not a stuck test)
    got = b""
    while not (got == FAIL or got.endswith(b".\n") or got == b"OK\n"):
        if not select.select([p.stdout], [], [], 10)[0]:
            p.kill()
            raise SystemExit(f"no reply within 10 s after {got!r}")
        c = os.read(p.stdout.fileno(), 1)
        if not c:
            raise SystemExit(f"EOF after {got!r}")
        got += c
    return got

for i, (request, want) in enumerate(steps):
    p.stdin.write(request)
    p.stdin.flush()
    got = read_reply()
    if got != want:
        raise SystemExit(f"step {i}: {request[:60]!r}: got {got!r} want {want!r}")
p.stdin.close()
rest = p.stdout.read()  # end of file now: the process must end
if rest:
    raise SystemExit(f"more on stdout: {rest!r}")
print("exit", p.wait(), "steps", len(steps))
PY
expect_rc 0 "conversation (stderr: $err)"
expect_out "exit 0 steps 31"
# joe's logins were recorded (SPEC §20): the base user's file, nobody's for refusals.
[ "$(stat -c %u:%a "$BASE_HOME/last-login/joe" 2>&1)" = 2901:600 ] || fail "joe's last login: $(ls -la "$BASE_HOME/last-login" 2>&1)"
[ -e "$BASE_HOME/last-login/dora" ] && fail "a refused login was recorded"
# One line on stderr per refusal and per change, hook output included; no password.
expect_err "authvmailmgr: bad request: request line longer than 8192 bytes
authvmailmgr: login failed: wrong password: joe@example.test
hook output on stdout
authvmailmgr: login failed: unknown user: nobody@example.test
hook output on stdout
authvmailmgr: login failed: wrong password: sales@example.test
hook output on stdout
authvmailmgr: login failed: mailbox is disabled: dora@example.test
hook output on stdout
authvmailmgr: login failed: account has expired: eve@example.test
hook output on stdout
authvmailmgr: login failed: base user root has uid 0: joe@rootdom.test
hook output on stdout
authvmailmgr: login failed: authtype 'cram-md5' is not supported (only login)
authvmailmgr: bad request: PRE request without module, service or login
authvmailmgr: bad request: PASSWD request is not SERVICE, LOGIN, OLD and NEW separated by tabs
authvmailmgr: bad request: AUTH request without its body
authvmailmgr: bad request: AUTH body holds a NUL byte
authvmailmgr: bad request: request holds a NUL byte
authvmailmgr: bad request: unknown request
authvmailmgr: bad request: unknown request
authvmailmgr: bad request: AUTH body longer than 8192 bytes
authvmailmgr: domain gone.test: base user nosuchuser does not exist
authvmailmgr: domain rootdom.test: base user root has uid 0
authvmailmgr: password change refused: wrong password: joe@example.test
hook output on stdout
authvmailmgr: password change failed: joe@example.test: the password contains a control character
authvmailmgr: password changed: joe@example.test
authvmailmgr: login failed: wrong password: joe@example.test
hook output on stdout
authvmailmgr: password change failed: vmtsys: system user: its password is not kept by vmailmgr"

# The hooks: global as root, per-domain as the base user (once its domain is
# known), stdin empty, AUTHVMAILMGR_ERROR set.
expect_file_eq "$LOG" "global uid=0 err=wrong password: joe@example.test
domain uid=2901 err=wrong password: joe@example.test
global uid=0 err=unknown user: nobody@example.test
domain uid=2901 err=unknown user: nobody@example.test
global uid=0 err=wrong password: sales@example.test
domain uid=2901 err=wrong password: sales@example.test
global uid=0 err=mailbox is disabled: dora@example.test
domain uid=2901 err=mailbox is disabled: dora@example.test
global uid=0 err=account has expired: eve@example.test
domain uid=2901 err=account has expired: eve@example.test
global uid=0 err=base user root has uid 0: joe@rootdom.test
global uid=0 err=wrong password: joe@example.test
domain uid=2901 err=wrong password: joe@example.test
global uid=0 err=wrong password: joe@example.test
domain uid=2901 err=wrong password: joe@example.test"

# The table after a password change and a rehash: still the base user's, 0600;
# ann's MD5-crypt hash was replaced by the preferred method.
expect_eq "$(stat -c '%u:%g %a' "$BASE_HOME/passwd.cdb")" "2901:2901 600" "table owner and mode"
run "$TOOLS/account_show" "$BASE_HOME/passwd.cdb"
expect_rc 0 "account_show"
grep -q '^ann pw=\$y\$' <<<"$out" || fail "ann was not rehashed: $out"
run "$TOOLS/account_show" "$BASE_HOME/passwd.cdb" joe "new secret"
expect_rc 0 "joe's new password"

# The program's own command line: no operands; end of file at once is exit 0.
run in_sandbox "$AVM" extra </dev/null
expect_rc 2 "an operand"
expect_err "authvmailmgr: unexpected operand 'extra'
authvmailmgr: usage: authvmailmgr [OPTION]..."
run in_sandbox "$AVM" </dev/null
expect_rc 0 "empty input"
expect_out ""
exit 0
