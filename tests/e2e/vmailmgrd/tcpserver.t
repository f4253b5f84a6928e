# vmailmgrd under tcpserver (ucspi-tcp) on the loopback: the peer in the
# log, 8 clients changing 8 accounts at once (every change kept: the
# table lock of the shell tools), one request per connection, and no
# process left once tcpserver is stopped.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
port=$(tcp_port)
vmd_serve_tcp "$port"
trap vmd_stop EXIT
VMC_TARGET="--tcp 127.0.0.1:$port"

for n in 1 2 3 4 5 6 7 8; do
  printf 'u%s-secret\n' "$n" | base "$TOP/vadduser" --quiet "u$n" || fail "vadduser u$n"
done
run python3 - "$port" <<'PY'
import sys, threading, vmailmgr_client as vm
port = int(sys.argv[1])
results = {}
def work(n):
    c = vm.Client(tcp=("127.0.0.1", port))
    results[n] = [c.chattr("example.test", "u%d" % n, "base-secret", vm.ATTR_HARDQUOTA, str(1000 * n)),
                  c.chattr("example.test", "u%d" % n, "u%d-secret" % n, vm.ATTR_PERSONAL, "User %d" % n)]
threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 9)]
for t in threads: t.start()
for t in threads: t.join()
for n in range(1, 9):
    print(n, " / ".join(results[n]))
PY
expect_rc 0 "8 clients"
expect_out "$(for n in 1 2 3 4 5 6 7 8; do
  echo "$n hard quota of user 'u$n' successfully changed / personal information of user 'u$n' successfully changed"; done)"
for n in 1 2 3 4 5 6 7 8; do
  dump "u$n"
  grep -qx "Hard-Quota: $((1000 * n))" <<<"$out" && grep -qx "Personal: User $n" <<<"$out" ||
    fail "u$n lost a change: $out"
done

# One request per connection: what follows the first frame is never read,
# and the server closes the connection after its reply.
run python3 - "$port" <<'PY'
import socket, sys, vmailmgr_client as vm
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(vm.encode_request("check", "example.test", "joe", "joe-secret") +
          vm.encode_request("deluser", "example.test", "joe", "base-secret"))
data = b""
while True:
    b = s.recv(4096)
    if not b: break
    data += b
print(vm.decode_replies(data))
PY
expect_out "[(0, b\"user 'joe' authenticated\")]" "one request per connection"
dump joe

vmc check example.test joe joe-secret
expect_out "OK: user 'joe' authenticated"
log_wait 18
tail -n1 "$VMD_LOG" | grep -Eq "^vmailmgrd: 127\.0\.0\.1:[0-9]+ check example\.test joe: OK: user 'joe' authenticated$" ||
  fail "log line: $(tail -n1 "$VMD_LOG")"

server=$VMD_SERVER
vmd_stop
trap - EXIT
kill -0 "$server" 2>/dev/null && fail "tcpserver ($server) still runs"
left=$(pgrep -f -- "$TOP/vmailmgrd" | tr '\n' ' ')
[ -z "$left" ] || fail "vmailmgrd processes left: $left"
exit 0
