# dovecotvpw --serve, as dovecotvpw.lua drives it: the path of a private
# FIFO on stdout, requests through the FIFO, answers on stdout each ended
# by an empty line. One process serves many requests; no request sees the
# environment of the one before; a hook's output never reaches the
# answers; a stuck request ends the helper by its own alarm within 5 s;
# the script going away (the FIFO's last writer) ends it with 0; lost
# framing ends it with 2.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/dovecotvpw/world.sh"
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"
LOG=$T/marks/hooks.log
: > "$LOG"
cat > "$T/vmetc/checkvpw-loginfail" <<EOS
#!/bin/sh
echo "hook output on stdout"
echo "user=\${USER-unset} vuser=\${VUSER-unset} ip=\${TCPLOCALIP-unset} err=\$CHECKVPW_ERROR" >> "$LOG"
EOS
chmod 755 "$T/vmetc/checkvpw-loginfail"

run in_sandbox timeout -s KILL 60 python3 - "$HELPER" "$T" "$J" <<'PY'
import os, select, stat, subprocess, sys, time
helper, T, J = sys.argv[1:4]

def start():
    p = subprocess.Popen([helper, "--serve", "--dovecot=2.4"], stdout=subprocess.PIPE, bufsize=0)
    path = b""
    while not path.endswith(b"\n"):
        c = p.stdout.read(1)
        if not c:
            raise SystemExit(f"no FIFO path, exit {p.wait()}")
        path += c
    path = path[:-1].decode()
    d = os.path.dirname(path)
    if not d.startswith("/tmp/dovecotvpw.") or path != d + "/requests":
        raise SystemExit(f"FIFO path {path!r}")
    st_d, st_f = os.stat(d), os.lstat(path)
    if stat.S_IMODE(st_d.st_mode) != 0o700 or st_d.st_uid != 0:
        raise SystemExit(f"directory {oct(st_d.st_mode)} uid {st_d.st_uid}")
    if not stat.S_ISFIFO(st_f.st_mode) or stat.S_IMODE(st_f.st_mode) != 0o600:
        raise SystemExit(f"FIFO {oct(st_f.st_mode)}")
    return p, os.open(path, os.O_RDWR), path

def answer(p, limit=10):
    got = b""
    while not (got.endswith(b"\n\n") or got == b"\n"):
        if not select.select([p.stdout], [], [], limit)[0]:
            raise SystemExit(f"no answer within {limit} s after {got!r}")
        c = os.read(p.stdout.fileno(), 1)
        if not c:
            return got + b"<EOF>"
        got += c
    return got

def ask(p, fd, kind, login, pw, ip="127.0.0.1"):
    os.write(fd, b"\0".join([kind, login, pw, ip.encode(), b"192.0.2.7", b"imap"]) + b"\0")
    return answer(p).decode().replace("\t", "|")

JOE = (f"PASSDB_RESULT_OK|\nuser|joe@example.test\nuserdb_uid|2901\nuserdb_gid|2901\n"
       f"userdb_home|{J}\nuserdb_mail_driver|maildir\nuserdb_mail_path|{J}\n"
       f"userdb_quota_storage_size|5000000\nuserdb_quota_message_count|500\n\n")
p, fd, path = start()
steps = [
    ((b"passdb", b"joe@example.test", b"joe-secret"), JOE),
    ((b"passdb", b"joe", b"joe-secret"), JOE),                      # ip-domains
    ((b"userdb", b"joe@example.test", b""),
     f"USERDB_RESULT_OK|\nuser|joe@example.test\nuid|2901\ngid|2901\nhome|{J}\n"
     f"mail_driver|maildir\nmail_path|{J}\nquota_storage_size|5000000\n"
     f"quota_message_count|500\n\n"),
    ((b"passdb", b"joe@example.test", b"wrong"),
     "PASSDB_RESULT_PASSWORD_MISMATCH|wrong password: joe@example.test\n\n"),
    ((b"passdb", b"nobody@example.test", b"x"),
     "PASSDB_RESULT_USER_UNKNOWN|unknown user: nobody@example.test\n\n"),
    ((b"userdb", b"dora@example.test", b""),
     "USERDB_RESULT_USER_UNKNOWN|mailbox is disabled: dora@example.test\n\n"),
    ((b"passdb", b"joe@example.test", b"joe-secret"), JOE),
]
for i, (req, want) in enumerate(steps):
    got = ask(p, fd, *req)
    if got != want:
        raise SystemExit(f"step {i} {req[:2]!r}: got {got!r} want {want!r}")
    if i == 0 and os.path.exists(os.path.dirname(path)):
        raise SystemExit("the FIFO's directory is still there after the first request")
# The script goes: the helper ends with 0.
os.close(fd)
if p.wait(timeout=10) != 0:
    raise SystemExit(f"exit {p.returncode} after the script went")

# Lost framing ends it with 2.
p, fd, path = start()
os.write(fd, b"lookup\0joe@example.test\0\0\0\0imap\0")
got = answer(p)
os.close(fd)
if got != b"<EOF>" or p.wait(timeout=10) != 2:
    raise SystemExit(f"unknown kind: {got!r}, exit {p.returncode}")

# A stuck request (a setting that never reads): the kernel ends the helper
# 5 s after the request came, whatever it was doing.
p, fd, path = start()
if ask(p, fd, b"passdb", b"joe@example.test", b"joe-secret") != JOE:
    raise SystemExit("first login of the third helper")
time.sleep(6)  # idle time does not count: only a request is bounded
if ask(p, fd, b"passdb", b"joe@example.test", b"joe-secret") != JOE:
    raise SystemExit("a login after 6 s idle")
os.mkfifo(T + "/vmetc/separators")
t0 = time.monotonic()
os.write(fd, b"passdb\0joe@example.test\0joe-secret\0\0\0imap\0")
got = answer(p, 20)
took = time.monotonic() - t0
os.unlink(T + "/vmetc/separators")
os.close(fd)
if got != b"<EOF>" or p.wait(timeout=10) != -14 or not 4 <= took <= 6.5:
    raise SystemExit(f"stuck request: {got!r}, exit {p.returncode}, after {took:.1f} s")
print("ok")
PY
expect_rc 0 "serve (stderr: $err)"
expect_out ok
# The loginfail hook ran for the refusals (dora's userdb lookup too), each
# with its own request's environment only (joe's good logins left nothing).
expect_eq "$(cat "$LOG")" "user=unset vuser=unset ip=127.0.0.1 err=wrong password: joe@example.test
user=unset vuser=unset ip=127.0.0.1 err=unknown user: nobody@example.test
user=unset vuser=unset ip=127.0.0.1 err=mailbox is disabled: dora@example.test" "hooks' environment"
exit 0
