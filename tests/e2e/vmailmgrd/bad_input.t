# vmailmgrd against bad input, under unixserver: truncated and oversized
# frames, lengths that lie, wrong argument counts, other protocols, slow
# clients (--timeout 1), and 1 000 connections of garbage. Each gets one
# BAD frame (nothing when it sent nothing), the daemon never dies (every
# connection has its log line), and nothing stored changes.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
vmd_serve_unix --timeout 1
trap vmd_stop EXIT
snapshot() { (cd "$T/home" && find . -printf '%p %u %m %s\n' | sort && cat vmdbase/passwd.cdb vmdother/passwd.cdb | sha256sum); }
before=$(snapshot)

run python3 - "$VMD_SOCKET" <<'PY'
import socket, struct, sys, time, vmailmgr_client as vm
path = sys.argv[1]
def ask(data, pause=None, shutdown=True):
    s = socket.socket(socket.AF_UNIX); s.settimeout(10); s.connect(path)
    start = time.time()
    try:  # the server may answer and close before all of data is sent
        if pause is None:
            s.sendall(data)
        else:
            for b in data:
                s.sendall(bytes([b])); time.sleep(pause)
        if shutdown: s.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    out = b""
    while True:
        b = s.recv(65536)
        if not b: break
        out += b
    s.close()
    return [(c, m.decode()) for c, m in vm.decode_replies(out)], round(time.time() - start)
good = vm.encode_request("check", "example.test", "joe", "joe-secret")
cases = [
    ("nothing", b""),
    ("one byte", b"\x02"),
    ("truncated header", b"\x02\x00"),
    ("truncated payload", good[:-3]),
    ("not protocol 2", b"GET / HTTP/1.0\r\n\r\n"),
    ("protocol 3", b"\x03" + good[1:]),
    ("length says less", b"\x02" + struct.pack(">H", len(good) - 5) + good[3:]),
    ("argument length lies", b"\x02\x00\x09\x01\x00\x01c\xff\xff\x41\x42\x43"),
    ("argc lies", b"\x02\x00\x06\x09\x00\x03abc"),
    ("empty command", b"\x02\x00\x03\x00\x00\x00"),
    ("oversized", b"\x02\xff\xff" + b"\x01\x00\x05check" + b"\xff\xfe" + b"A" * 70000),
    ("wrong argc", vm.encode_request("check", "example.test", "joe")),
    ("too many", vm.encode_request("deluser", "example.test", "joe", "base-secret", "x")),
    ("unknown command", vm.encode_request("shutdown", "now")),
    ("binary command", vm.encode_request(b"\x00\n\xff", "a")),
]
for name, data in cases:
    print(name, ask(data)[0])
# Slow clients: the request must be whole within --timeout 1.
print("silent", ask(b"", shutdown=False))
print("half a header", ask(b"\x02\x00", shutdown=False))
import re  # how many bytes arrived within the second varies
frames, secs = ask(good, pause=0.2, shutdown=False)
print("dribbling", [(c, re.sub(r"[0-9] of 39", "N of 39", m)) for c, m in frames], secs)
PY
expect_rc 0 "client"
expect_out "nothing []
one byte [(1, 'truncated request: 1 of 3 header bytes received')]
truncated header [(1, 'truncated request: 2 of 3 header bytes received')]
truncated payload [(1, 'truncated request: 36 of 39 bytes received')]
not protocol 2 [(1, 'not a protocol 2 request')]
protocol 3 [(1, 'not a protocol 2 request')]
length says less [(1, 'malformed request: argument 3 is cut short: 10 bytes announced, 8 there')]
argument length lies [(1, 'malformed request: argument 1 is cut short: 65535 bytes announced, 3 there')]
argc lies [(1, 'malformed request: the length of argument 1 is missing')]
empty command [(1, 'malformed request: the command name is empty')]
oversized [(1, 'malformed request: argument 1 is cut short: 65534 bytes announced, 65525 there')]
wrong argc [(1, 'wrong number of arguments to check: 2 given, 3 expected')]
too many [(1, 'wrong number of arguments to deluser: 4 given, 3 expected')]
unknown command [(1, 'unknown command')]
binary command [(1, 'unknown command')]
silent ([(1, 'timed out waiting for the request: 0 of 3 header bytes received')], 1)
half a header ([(1, 'timed out waiting for the request: 2 of 3 header bytes received')], 1)
dribbling [(1, 'timed out waiting for the request: N of 39 bytes received')] 1" "replies"
log_wait 18
expect_eq "$(sed -E 's/^vmailmgrd: uid=0,pid=[0-9]+ //; s/ [0-9] of 39 bytes received$/ N of 39 bytes received/' "$VMD_LOG")" "- - -: BAD: connection closed without a request
- - -: BAD: truncated request: 1 of 3 header bytes received
- - -: BAD: truncated request: 2 of 3 header bytes received
- - -: BAD: truncated request: 36 of 39 bytes received
- - -: BAD: not a protocol 2 request
- - -: BAD: not a protocol 2 request
- - -: BAD: malformed request: argument 3 is cut short: 10 bytes announced, 8 there
- - -: BAD: malformed request: argument 1 is cut short: 65535 bytes announced, 3 there
- - -: BAD: malformed request: the length of argument 1 is missing
- - -: BAD: malformed request: the command name is empty
- - -: BAD: malformed request: argument 1 is cut short: 65534 bytes announced, 65525 there
check example.test joe: BAD: wrong number of arguments to check: 2 given, 3 expected
deluser example.test joe: BAD: wrong number of arguments to deluser: 4 given, 3 expected
shutdown - -: BAD: unknown command
\\x00\\x0a\\xff - -: BAD: unknown command
- - -: BAD: timed out waiting for the request: 0 of 3 header bytes received
- - -: BAD: timed out waiting for the request: 2 of 3 header bytes received
- - -: BAD: timed out waiting for the request: N of 39 bytes received" "log"

# 1 000 connections of garbage, 20 at a time: random bytes, frames with
# random payloads, random argument counts and lengths, then a half-close.
: > "$VMD_LOG"
start=$(date +%s)
run python3 - "$VMD_SOCKET" <<'PY'
import random, socket, struct, sys, threading, vmailmgr_client as vm
path = sys.argv[1]
rng = random.Random(15)
def garbage(i):
    kind = i % 4
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
    if kind == 1:
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
        return b"\x02" + struct.pack(">H", rng.randrange(65536)) + body
    if kind == 2:
        cmd = rng.choice([b"lookup", b"chattr", b"adduser2", b"deluser", b"listdomain", b"stat", b"x"])
        args = b"".join(struct.pack(">H", rng.randrange(0, 40)) + b"y" * rng.randrange(0, 40)
                        for _ in range(rng.randrange(0, 8)))
        rest = bytes([rng.randrange(256)]) + struct.pack(">H", len(cmd)) + cmd + args
        return b"\x02" + struct.pack(">H", len(rest)) + rest
    cmd = rng.choice(["lookup", "chattr", "deluser", "adduser3", "listdomain", "stat", "check"])
    # every command takes 2 arguments or more: these are all short
    return vm.encode_request(cmd, *["z" * rng.randrange(0, 20) for _ in range(rng.randrange(0, 2))])
payloads = [garbage(i) for i in range(1000)]
bad = []
lock = threading.Lock()
def worker(indices):
    for i in indices:
        s = socket.socket(socket.AF_UNIX); s.settimeout(20); s.connect(path)
        try:
            s.sendall(payloads[i]); s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        out = b""
        while True:
            b = s.recv(65536)
            if not b: break
            out += b
        s.close()
        frames = vm.decode_replies(out)
        if len(frames) != 1 or frames[0][0] != vm.BAD:
            with lock: bad.append((i, payloads[i][:20], frames))
threads = [threading.Thread(target=worker, args=(range(k, 1000, 20),)) for k in range(20)]
for t in threads: t.start()
for t in threads: t.join()
print(len(bad), bad[:3])
PY
expect_rc 0 "garbage client"
expect_out "0 []" "every garbage connection got one BAD frame"
log_wait 1000
secs=$(( $(date +%s) - start ))
[ "$secs" -le 60 ] || fail "1000 garbage connections took ${secs}s"
[ "$(wc -l < "$VMD_LOG")" = 1000 ] || fail "$(wc -l < "$VMD_LOG") log lines for 1000 connections"
[ "$(grep -c ': BAD: ' "$VMD_LOG")" = 1000 ] || fail "not every line is BAD: $(grep -v ': BAD: ' "$VMD_LOG" | head -3)"

# Still serving, and nothing stored changed.
vmc check example.test joe joe-secret
expect_out "OK: user 'joe' authenticated"
expect_eq "$(snapshot)" "$before" "the homes and tables"
exit 0
