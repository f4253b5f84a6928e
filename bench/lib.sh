# Shared by bench/run and bench/*.sh (bash, sourced after tests/lib.sh).
# Figures are ratios of two things measured side by side, in alternating
# rounds, so the noise of a shared machine hits both sides alike.

# stats: numbers on stdin, one per line -> "MEDIAN MIN MAX".
stats() {
  sort -g | awk '{ v[NR] = $1 }
    END {
      if (NR == 0) { print "nan nan nan"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      print m, v[1], v[NR]
    }'
}

# stats_of NUMBER...: the same for its arguments (stats_of "${times[@]}").
stats_of() { printf '%s\n' "$@" | stats; }

# calc EXPR: floating-point arithmetic (awk), 4 significant digits.
calc() { awk "BEGIN { printf \"%.4g\", $1 }"; }

# figure LABEL "MEDIAN MIN MAX" OP TARGET UNIT: one result line; OP is <= or >=.
# The verdict compares the median with the target.
figure() {
  local label=$1 op=$3 target=$4 unit=$5 med min max verdict
  read -r med min max <<<"$2"
  if awk "BEGIN { exit !($med $op $target) }"; then verdict=met; else verdict=MISSED; fi
  printf '%-64s %8s  (%s-%s)%s  target %s %s%s: %s\n' "$label" "$med" "$min" "$max" \
    "${unit:+ $unit}" "$op" "$target" "${unit:+ $unit}" "$verdict" | tee -a "$RESULTS"
}

# note TEXT: an extra line under the figures (what limits them, raw times).
note() { printf '    %s\n' "$*" | tee -a "$RESULTS"; }

# step TEXT: progress on stderr, so stdout stays the figures.
step() { printf 'bench: %s\n' "$*" >&2; }

# median_of "MEDIAN MIN MAX" -> MEDIAN
median_of() { echo "${1%% *}"; }
# range_of "MEDIAN MIN MAX" -> "MEDIAN (MIN-MAX)", as the figures print it
range_of() { awk '{ printf "%s (%s-%s)", $1, $2, $3 }' <<<"$1"; }

# bench_user NAME UID: a private base user with its home (tests/lib.sh
# sandbox), home owned by it; HOME_<NAME> is not set, use $T/home/NAME.
bench_user() { sandbox_user "$1" "$2"; }

# as_user UID CMD...: CMD in the sandbox as that user (and its group).
as_user() {
  local uid=$1; shift
  in_sandbox setpriv --reuid="$uid" --regid="$uid" --init-groups "$@"
}

# timed CMD...: runs a bench_time-style command, prints its MEDIAN; fails
# (status 1) when the command does, so "x=$(timed ...) || fail" works.
timed() {
  local out
  out=$("$@") || return 1
  median_of "$out"
}

# bench_big_domain COUNT: big.bench, the domain of base user vmbbig (uid
# 2971), with COUNT accounts u0000000, u0000001... (all with the hash $HASH;
# only u0000005 has a Maildir). Made once per run, for every figure that
# needs it (1, 5, 7).
bench_big_domain() {
  [ "${BENCH_BIG:-}" = "$1" ] && return 0
  [ -z "${BENCH_BIG:-}" ] || fail "bench_big_domain: big.bench already has $BENCH_BIG accounts, not $1"
  step "big.bench: $1 accounts"
  bench_user vmbbig 2971
  "$TOOLS/bench_mktable" "$T/home/vmbbig" "$1" "$HASH" u0000005 || fail "bench_mktable"
  chown -R 2971:2971 "$T/home/vmbbig"
  BENCH_BIG=$1
}

# cpu_ms PID: the CPU time (user+sys, ms) spent so far by PID and its live
# descendants, each with the children it has reaped (so processes that came
# and went — a login's helper, an imap process, an auth worker — count too).
# The difference over a round, divided by its logins, is a cost per login
# that two busy cores distort much less than a rate does.
cpu_ms() {
  local hz
  hz=$(getconf CLK_TCK)
  # cat, not awk on the files: a process may end between the glob and its
  # read, and mawk gives up at the first file it cannot open.
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" -v hz="$hz" '
    {
      pid = $1; line = $0; sub(/^.*\) /, "", line); split(line, f, " ")
      parent[pid] = f[2]
      ticks[pid] = f[12] + f[13] + f[14] + f[15]
    }
    END {
      for (p in parent) {
        q = p; n = 0
        while (q != root && q in parent && n++ < 64) q = parent[q]
        if (q == root) sum += ticks[p]
      }
      printf "%d\n", sum * 1000 / hz
    }'
}
