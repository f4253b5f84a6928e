# 50 chattr requests through vmailmgrd at once and 25 vchattr runs beside
# them, on different accounts and on the same ones (each its own field):
# every change lands, each client gets its own exact reply (a request for
# an account that does not exist is refused alone, the others of its
# rewrite succeed), the table stays whole and the change queue is left empty.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
hash=$("$TOOLS/mktable" --hash c-secret)
for i in $(seq -w 0 24); do echo "c$i $hash"; done | base "$TOP/vaddusers" --quiet --hashed ||
  fail "vaddusers"
vmd_serve_unix
trap vmd_stop EXIT

# Through the daemon: c00..c24 attribute 3 (hard quota) = 1000+i and attribute
# 4 (soft quota) = 2000+i, with the admin password; "nosuch" does not exist.
cat > "$T/load.py" <<'PY'
import sys, threading, vmailmgr_client as vm
sock = sys.argv[1]
jobs = [("c%02d" % i, attr, str(base + i)) for i in range(25) for attr, base in ((3, 1000), (4, 2000))]
jobs[17] = ("nosuch", 3, "1")
replies = [None] * len(jobs)
gate = threading.Barrier(len(jobs))
def one(k):
    user, attr, value = jobs[k]
    gate.wait()
    try:
        replies[k] = "OK: " + vm.Client(socket_path=sock).chattr("example.test", user, "base-secret", attr, value)
    except vm.DaemonError as e:
        replies[k] = "ERROR: " + str(e)
threads = [threading.Thread(target=one, args=(k,)) for k in range(len(jobs))]
for t in threads: t.start()
for t in threads: t.join()
for (user, attr, value), reply in zip(jobs, replies):
    print("%s %s %s %s" % (user, attr, value, reply))
PY
# Beside them, vchattr as the base user: c00..c24 message size = 3000+i.
for i in $(seq -w 0 24); do
  base "$TOP/vchattr" --quiet -z "3$i" "c$i" > "$T/vchattr.$i" 2>&1 &
  pids+=" $!"
done
run python3 "$T/load.py" "$VMD_SOCKET"
for p in $pids; do wait "$p" || fail "vchattr (pid $p) failed: $(cat "$T"/vchattr.*)"; done
expect_rc 0 "the daemon load"
[ "$(grep -c '^c.* OK: ' <<<"$out")" = 49 ] || fail "49 OK replies expected: $out"
while read -r user attr value reply; do
  case $attr in
    3) want="hard quota of user '$user' successfully changed" ;;
    4) want="soft quota of user '$user' successfully changed" ;;
  esac
  [ "$user" = nosuch ] && want="account 'nosuch' does not exist"
  [ "${reply#*: }" = "$want" ] || fail "reply to $user $attr $value: [$reply], expected [$want]"
done <<<"$out"
grep -qx "nosuch 3 1 ERROR: account 'nosuch' does not exist" <<<"$out" || fail "no refusal for nosuch: $out"

# Every change is in the table, each field as its own client set it
# (jobs[17], c08's soft quota, was the one given to "nosuch").
for i in $(seq -w 0 24); do
  dump "c$i"
  soft=$((2000 + 10#$i)); [ "$i" = 08 ] && soft=N/A
  grep -qx "Hard-Quota: $((1000 + 10#$i))" <<<"$out" || fail "c$i hard quota: $out"
  grep -qx "Soft-Quota: $soft" <<<"$out" || fail "c$i soft quota: $out"
  grep -qx "Message-Size-Limit: 3$i" <<<"$out" || fail "c$i message size: $out"
done
# The other accounts are all still there and intact, the queue is empty.
for u in joe ann eve dora; do dump "$u"; done
run base "$TOP/listvdomain"
expect_rc 0 "listvdomain"
[ "$(grep -c '^c[0-9][0-9]' <<<"$out")" = 25 ] || fail "listvdomain: $out"
expect_eq "$(ls -A "$BASE_H/passwd.queue")" "" "the change queue afterwards"
expect_eq "$(stat -c %u:%a "$BASE_H/passwd.queue" "$BASE_H/passwd.cdb" | tr '\n' ' ')" \
  "2941:700 2941:600 " "owners and modes"
