# Sourced by every tests/{e2e,peers}/*/*.t script (bash). tests/run sets TOP
# (repository root), TOOLS (test helper programs) and T (a fresh private
# directory for this test, removed afterwards). A test exits 0 on success,
# 77 when it cannot run here (a peer missing), anything else on failure.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# run CMD...: runs it capturing $out (stdout), $err (stderr), $rc.
run() {
  local o e
  o=$(mktemp "$T/.out.XXXXXX"); e=$(mktemp "$T/.err.XXXXXX")
  set +e; "$@" >"$o" 2>"$e"; rc=$?; set -e 2>/dev/null || true; set +e
  out=$(cat "$o"); err=$(cat "$e"); rm -f "$o" "$e"
}
# run_in STDIN CMD...: like run, with STDIN as standard input.
run_in() {
  local input=$1; shift
  local o e
  o=$(mktemp "$T/.out.XXXXXX"); e=$(mktemp "$T/.err.XXXXXX")
  printf '%s' "$input" | "$@" >"$o" 2>"$e"; rc=${PIPESTATUS[1]}
  out=$(cat "$o"); err=$(cat "$e"); rm -f "$o" "$e"
}
expect_rc()  { [ "$rc" = "$1" ] || fail "${2:-command}: exit $rc, expected $1 (stderr: $err)"; }
expect_out() { [ "$out" = "$1" ] || fail "${2:-stdout}: got [$out] expected [$1]"; }
expect_err() { [ "$err" = "$1" ] || fail "${2:-stderr}: got [$err] expected [$1]"; }
expect_eq()  { [ "$1" = "$2" ] || fail "${3:-value}: got [$1] expected [$2]"; }
expect_file_eq() { [ "$(cat "$1")" = "$2" ] || fail "$1: got [$(cat "$1")] expected [$2]"; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"; }
