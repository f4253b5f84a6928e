# Figure 6: vmailmgrd under unixserver, a 100 000-account domain, 8 clients
# at once (python/vmailmgr_client.py, one request per connection as every
# VMailMgr client makes them). 6a: lookup requests/s (the account's own
# password: one yescrypt check each). 6b: chattr requests/s (attribute 3,
# the hard quota, with the admin password: one check and one table rewrite
# each). 6c: the chattr rate through the daemon / vchattr -Q run one after
# the other from a shell (no password at all, one table rewrite each).
bench_daemon() {
  local count=$1 rounds=$2 requests=$3
  step "figure 6: a domain of $count accounts for vmailmgrd"
  bench_user vmbdaemon 2990
  sandbox_password vmbdaemon "$HASH"  # the admin password: the base user's system password
  echo daemon.bench:vmbdaemon >> "$T/qmail/control/virtualdomains"
  "$TOOLS/bench_mktable" "$T/home/vmbdaemon" "$count" "$HASH" u0000007 || fail "bench_mktable"
  chown -R 2990:2990 "$T/home/vmbdaemon"
  local sock=$T/vmailmgrd.sock
  "${SANDBOX[@]}" unixserver -q -c 40 -m 077 -- "$sock" "$TOP/vmailmgrd" </dev/null 2>/dev/null &
  BENCH_VMD=$!
  local i
  for i in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
  cat > "$T/daemon_load.py" <<'PY'
import sys, threading, time
sys.path.insert(0, sys.argv[1])
import vmailmgr_client as vm
sock, command, n, password, count = sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
def one(k):
    c = vm.Client(socket_path=sock)
    for j in range(n // 8):
        if command == "lookup":
            c.lookup("daemon.bench", "u0000007", password)
        else:
            c.chattr("daemon.bench", "u%07d" % ((k * 1000 + j) % count), password, vm.ATTR_HARDQUOTA, str(j))
start = time.time()
threads = [threading.Thread(target=one, args=(k,)) for k in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print("%.2f" % ((n // 8 * 8) / (time.time() - start)))
PY
  local look=() chat=() tool=() ratios=() r l c v t0 t1
  for r in $(seq "$rounds"); do
    step "figure 6: round $r/$rounds"
    l=$(python3 "$T/daemon_load.py" "$TOP/python" "$sock" lookup "$requests" "$PASSWORD" "$count") || fail "lookup load"
    c=$(python3 "$T/daemon_load.py" "$TOP/python" "$sock" chattr "$requests" "$PASSWORD" "$count") || fail "chattr load"
    t0=$(date +%s%N)
    as_user 2990 env HOME="$T/home/vmbdaemon" VMAILMGR_ETC="$VMAILMGR_ETC" bash -c '
      for j in $(seq "$1"); do "$2/vchattr" --quiet -Q "$j" "u$(printf %07d "$((j % $3))")" || exit 1; done' \
      vchattr "$requests" "$TOP" "$count" || fail "vchattr loop"
    t1=$(date +%s%N)
    v=$(calc "$requests / (($t1 - $t0) / 1000000000)")
    look+=("$l"); chat+=("$c"); tool+=("$v"); ratios+=("$(calc "$c / $v")")
    step "  lookup $l/s, chattr $c/s, vchattr $v/s"
  done
  kill "$(pgrep -P "$BENCH_VMD")" "$BENCH_VMD" 2>/dev/null
  wait "$BENCH_VMD" 2>/dev/null
  figure "6a vmailmgrd lookup, $count accounts, 8 clients (requests/s)" \
    "$(stats_of "${look[@]}")" '>=' 0 ''
  figure "6b vmailmgrd chattr, $count accounts, 8 clients (requests/s)" \
    "$(stats_of "${chat[@]}")" '>=' 0 ''
  figure "6c chattr through vmailmgrd / vchattr from a shell" \
    "$(stats_of "${ratios[@]}")" '>=' 1.0 ''
  note "vchattr one after the other: $(range_of "$(stats_of "${tool[@]}")") runs/s"
}
