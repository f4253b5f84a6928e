# vsocketmap under tcpserver (ucspi-tcp) on the loopback, as it runs for
# Postfix: many requests on one connection, one at a time or pipelined,
# several connections at once, an idle connection closed by the server,
# and no process left once tcpserver is stopped.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/lookup_world.sh"
need tcpserver
need python3
lookup_world

port=$(tcp_port)
trap lookup_unserve EXIT
lookup_serve "$port" --timeout 2 virtual

run python3 - "$port" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
def ns(s): return b"%d:%s," % (len(s), s)
def connect(): return socket.create_connection(("127.0.0.1", port), timeout=10)
def reply(f):
    n = b""
    while not n.endswith(b":"):
        c = f.read(1)
        if not c: return None
        n += c
    r = f.read(int(n[:-1]) + 1)
    assert r.endswith(b","), r
    return r[:-1].decode()
# One connection, one request at a time, like Postfix.
a = connect(); fa = a.makefile("rb")
for key in [b"joe@example.test", b"nobody@example.test", b"x@catch.test", b"joe@other.test"]:
    a.sendall(ns(b"virtual " + key)); print("A", reply(fa))
# A second connection at the same time, all its requests at once.
b = connect(); fb = b.makefile("rb")
b.sendall(b"".join(ns(b"virtual " + k) for k in [b"sales@example.test", b"eve@example.test", b"bad@bad.test"]))
for _ in range(3): print("B", reply(fb))
a.sendall(ns(b"virtual ann@example.test")); print("A", reply(fa))
# Idle: the server closes the connection after --timeout 2.
start = time.time()
print("A idle", reply(fa), round(time.time() - start) in (2, 3))
print("B idle", reply(fb))
PY
expect_rc 0 "client"
expect_out "A OK vmlbase+joe
A NOTFOUND 
A OK vmlcatch+x
A NOTFOUND 
B OK vmlbase+sales
B NOTFOUND 
B TEMP $T/home/vmlbad/passwd.cdb: the record of account 'bad' does not decode
A OK vmlbase+ann
A idle None True
B idle None" "replies"

expect_file_eq "$T/vsocketmap.log" "vsocketmap: warning: unable to look up bad@bad.test: $T/home/vmlbad/passwd.cdb: the record of account 'bad' does not decode"

# Stopped by pid: nothing is left.
server=$LOOKUP_SERVER
lookup_unserve
trap - EXIT
kill -0 "$server" 2>/dev/null && fail "tcpserver ($server) still runs"
left=$(pgrep -f -- "$TOP/vsocketmap" | tr '\n' ' ')
[ -z "$left" ] || fail "vsocketmap processes left: $left"
exit 0
