# vsocketmap's protocol limits: a request over 100000 bytes gets PERM and the
# connection is closed; bytes that are not a netstring close it without a
# reply; an idle client is dropped after --timeout; misuse is exit 2.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/lookup_world.sh"
lookup_world

# Exactly 100000 bytes is a request like any other.
key=$(head -c 99979 /dev/zero | tr '\0' x)@example.test  # "virtual " + 99992 bytes
{ req "virtual $key"; req "virtual joe@example.test"; } > "$T/in"
[ "$(head -c 8 "$T/in")" = "100000:v" ] || fail "test input: $(head -c 8 "$T/in")"
sm virtual
expect_rc 0 "100000 bytes"
expect_out "$(req "NOTFOUND ")$(req "OK vmlbase+joe")" "100000 bytes"

# One byte more: PERM as soon as the length is read, then the connection
# is closed (the request after it is never answered).
{ req "virtual joe@example.test"; req "virtual x$key"; req "virtual joe@example.test"; } > "$T/in"
sm virtual
expect_rc 100 "100001 bytes"
expect_out "$(req "OK vmlbase+joe")$(req "PERM request longer than 100000 bytes")" "100001 bytes"
expect_err "vsocketmap: fatal: request longer than 100000 bytes; connection closed" "100001 bytes"
# The length alone is enough: no byte of the request needs to come.
printf '999999999999:' > "$T/in"
sm virtual
expect_rc 100 "a huge length"
expect_out "$(req "PERM request longer than 100000 bytes")" "a huge length"

# Not a netstring: no reply to it, the connection is closed.
for bad in "virtual joe@example.test" "24:virtual joe@example.test;" "024:virtual joe@example.test," \
           "x:y," ":,"; do
  { req "virtual joe@example.test"; printf '%s' "$bad"; req "virtual joe@example.test"; } > "$T/in"
  sm virtual
  expect_rc 100 "malformed [$bad]"
  expect_out "$(req "OK vmlbase+joe")" "malformed [$bad]"
  expect_err "vsocketmap: fatal: malformed request: not a netstring; connection closed" "malformed [$bad]"
done
# A request cut off by the end of the connection: no reply, a normal end.
{ req "virtual joe@example.test"; printf '24:virtual joe@'; } > "$T/in"
sm virtual
expect_rc 0 "cut off"
expect_out "$(req "OK vmlbase+joe")" "cut off"

# Idle: answered, then dropped after --timeout seconds without a request,
# though the client keeps its end open.
# since START: seconds from START (date +%s.%N) to now; within X LOW HIGH.
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
within() { awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x >= lo && x < hi) }'; }
mkfifo "$T/fifo"
start=$(date +%s.%N)
(req "virtual joe@example.test"; exec sleep 8) > "$T/fifo" &
writer=$!
run in_sandbox "$TOP/vsocketmap" --timeout 1 virtual < "$T/fifo"
secs=$(since "$start")
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
expect_rc 0 "idle"
expect_out "$(req "OK vmlbase+joe")" "idle"
expect_err "" "idle"
within "$secs" 0.9 4 || fail "idle: dropped after $secs s, expected about 1 s"
# A client dribbling a byte at a time does not extend its time.
start=$(date +%s.%N)
(for c in 2 4 : v i r t; do printf '%s' "$c"; sleep 0.4; done; exec sleep 5) > "$T/fifo" &
writer=$!
run in_sandbox "$TOP/vsocketmap" -t 1 virtual < "$T/fifo"
secs=$(since "$start")
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
expect_rc 0 "dribbling"
expect_out "" "dribbling"
within "$secs" 0.9 2.5 || fail "dribbling: dropped after $secs s, expected about 1 s"

# The connection fails (here: no standard output to reply on): 111.
req "virtual joe@example.test" > "$T/in"
in_sandbox "$TOP/vsocketmap" virtual < "$T/in" >&- 2> "$T/err"
expect_eq "$?" 111 "no standard output"
expect_file_eq "$T/err" "vsocketmap: fatal: temporary failure: unable to write the reply: Bad file descriptor"

# Misuse: exit 2 with the usage line.
for args in "" "a b" "-t 0 virtual" "--timeout=x virtual" "--timeout=86401 virtual" "-q virtual"; do
  : > "$T/in"
  sm $args
  expect_rc 2 "vsocketmap $args"
  [[ $err == *$'\nvsocketmap: usage: vsocketmap [OPTION]... MAPNAME' ]] || fail "usage [$args]: $err"
done
sm -t 0 virtual
expect_err "vsocketmap: bad timeout '0': give whole seconds from 1 to 86400
vsocketmap: usage: vsocketmap [OPTION]... MAPNAME" "bad timeout"
run "$TOP/vsocketmap" --help
expect_rc 0 "--help"
exit 0
