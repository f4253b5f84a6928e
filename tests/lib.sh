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
# tcp_port: a free TCP port on 127.0.0.1 (the kernel's choice; the race until
# the server binds it is harmless in tests).
tcp_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- Private user database (tests that need root or extra system users) ---
# sandbox_init: copies /etc/passwd, /etc/shadow, /etc/group to $T/etc.
# sandbox_user NAME UID [HOME] [SUPPLEMENTARY-GROUP...]: adds a user (and its
#   own group NAME with gid UID) to the copies, creates HOME (default
#   $T/home/NAME, mode 0750) owned by it. Extra groups are created on demand
#   with gid UID+1000+n and get the user as member.
# in_sandbox CMD...: runs CMD in a private mount namespace where the copies are
#   bind-mounted over /etc; the host's files are never changed. Anything CMD
#   starts in the background must be stopped by pid before CMD returns.
sandbox_init() {
  [ "$(id -u)" = 0 ] || skip "needs root for a private mount namespace"
  command -v unshare >/dev/null || skip "unshare is not installed"
  mkdir -p "$T/etc" "$T/home"
  cp /etc/passwd /etc/group "$T/etc/"
  if [ -r /etc/shadow ]; then cp /etc/shadow "$T/etc/shadow"; else : > "$T/etc/shadow"; fi
  chmod 0640 "$T/etc/shadow"
}
sandbox_user() {
  local name=$1 uid=$2 home=${3:-$T/home/$1}; shift 2; [ $# -gt 0 ] && shift
  echo "$name:x:$uid:$uid:$name:$home:/bin/sh" >> "$T/etc/passwd"
  echo "$name:!:19000:0:99999:7:::" >> "$T/etc/shadow"
  echo "$name:x:$uid:" >> "$T/etc/group"
  local n=0 g
  for g in "$@"; do
    n=$((n + 1))
    if grep -q "^$g:" "$T/etc/group"; then
      sed -i -E "s/^($g:[^:]*:[0-9]+:)(.*)$/\1\2,$name/; s/^($g:[^:]*:[0-9]+:),/\1/" "$T/etc/group"
    else
      echo "$g:x:$((uid + 1000 + n)):$name" >> "$T/etc/group"
    fi
  done
  mkdir -p "$home"
  chown "$uid:$uid" "$home"
  chmod 0750 "$home"
}
# sandbox_whole_etc: for tests that run useradd or userdel, which replace
#   /etc/passwd, shadow, group and gshadow by rename (impossible over a
#   bind-mounted file): from now on the sandbox mounts $T/etc-all, a private
#   copy of the host's /etc holding the sandbox's passwd, shadow and group,
#   over all of /etc. Call it after the last sandbox_user and
#   sandbox_password; read the user database from $T/etc-all afterwards.
#   The host's /etc is only read.
sandbox_whole_etc() {
  [ -n "${T:-}" ] && [ "$T" != / ] && [ -f "$T/etc/passwd" ] ||
    fail "sandbox_whole_etc: run sandbox_init first"
  [ -e "$T/etc-all" ] && fail "sandbox_whole_etc: $T/etc-all exists already"
  cp -a /etc "$T/etc-all" || fail "cannot copy /etc to $T/etc-all"
  cp "$T/etc/passwd" "$T/etc/shadow" "$T/etc/group" "$T/etc-all/" || fail "cannot copy the users"
}
# sandbox_password NAME HASH: sets NAME's shadow hash in the copy.
sandbox_password() {
  sed -i -E "s|^$1:[^:]*:|$1:$2:|" "$T/etc/shadow"
}
# SANDBOX is the same as a command prefix: "${SANDBOX[@]}" CMD... . Use it to
# start a background process: the pid in $! is then CMD's own (backgrounding
# the function would give the pid of a subshell instead).
SANDBOX=("$TOP/tests/sandbox-exec")
in_sandbox() {
  "$TOP/tests/sandbox-exec" "$@"
}

