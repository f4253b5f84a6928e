# Shared by the checkvpw tests (sourced after tests/lib.sh; not a test itself).
# world_init builds a private installation for the sandbox (tests/lib.sh):
#   users   vmtbase 2901 (base user of example.test and *.wild.test, member of
#           vmtmail 3902), vmtsys 2902 (a system user, password sys-secret),
#           vmtother 2903 (neither)
#   config  $VMAILMGR_ETC=$T/vmetc (qmail-root $T/qmail, error-maildir $T/error-maildir,
#           control-index $T/control-index: never the host's /var/lib)
#   qmail   control/virtualdomains, control/locals (localhost)
#   table   ~vmtbase/passwd.cdb: joe (yescrypt, joe-secret), ann (MD5-crypt,
#           Kestrel.Moss-42), dora (disabled), eve (expired), sales (alias), + (alias)
# cvw_req LOGIN PASSWORD [TIMESTAMP] writes a checkpassword request to $T/req;
# cvw ARGS... runs "checkvpw ARGS..." in the sandbox with fd 3 = $T/req.

CHECKVPW="$TOP/checkvpw"
PROBE="$TOOLS/probe"
BASE_HOME="$T/home/vmtbase"
SYS_HOME="$T/home/vmtsys"
MD5_HASH='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'  # Kestrel.Moss-42, from the 0.97 fixture

world_init() {
  [ -x "$CHECKVPW" ] || fail "checkvpw is not built ($CHECKVPW)"
  [ -x "$PROBE" ] && [ -x "$TOOLS/mktable" ] || fail "test tools are not built ($TOOLS)"
  sandbox_init
  chmod 755 "$T"  # the base user must reach its home below $T
  sandbox_user vmtbase 2901 "" vmtmail
  sandbox_user vmtsys 2902
  sandbox_user vmtother 2903
  sandbox_password vmtsys "$("$TOOLS/mktable" --hash sys-secret)"
  mkdir -p "$T/vmetc" "$T/qmail/control" "$T/error-maildir/cur" "$T/error-maildir/new" \
    "$T/error-maildir/tmp" "$T/marks" "$SYS_HOME/Maildir/cur" "$SYS_HOME/Maildir/new" \
    "$SYS_HOME/Maildir/tmp"
  chmod 1777 "$T/marks"
  chown -R 2902:2902 "$SYS_HOME"
  echo "$T/qmail" > "$T/vmetc/qmail-root"
  echo "$T/error-maildir" > "$T/vmetc/error-maildir"
  mkdir -p "$T/control-index"
  echo "$T/control-index" > "$T/vmetc/control-index"
  printf '%s\n' 'example.test:vmtbase' '.wild.test:vmtbase' 'rootdom.test:root' \
    'gone.test:nosuchuser' > "$T/qmail/control/virtualdomains"
  echo localhost > "$T/qmail/control/locals"
  export VMAILMGR_ETC="$T/vmetc"
  "$TOOLS/mktable" "$BASE_HOME" <<EOF || fail "mktable failed"
joe pw=joe-secret personal=Joe_Example hardquota=5000000 msgcount=500
ann hash=$MD5_HASH
dora pw=dora-secret enabled=0
eve pw=eve-secret expiry=1000
sales hash=* mailbox=0 fwd=joe fwd=ann@elsewhere.test
+ hash=* mailbox=0 fwd=joe
EOF
  chown -R 2901:2901 "$BASE_HOME"
}

cvw_req() {
  printf '%s\0%s\0%s\0' "$1" "$2" "${3:-}" > "$T/req"
}

cvw() {
  run in_sandbox "$CHECKVPW" "$@" 3<"$T/req"
}

# probe_line KEY: the probe's output lines starting with "KEY " (from $out).
probe_line() {
  grep -E "^$1( |\$)" <<<"$out" | sed -E "s/^$1 ?//"
}
probe_env() {
  grep -E "^env $1=" <<<"$out" | sed -E "s/^env $1=//"
}

# wait_port PORT: until something accepts on 127.0.0.1:PORT (at most ~10 s).
wait_port() {
  local i
  for i in $(seq 100); do
    (exec 5<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# start_in_sandbox PIDFILE CMD...: runs CMD in the sandbox in the background
# and waits until PIDFILE holds CMD's own pid (in_sandbox is a function, so
# $! would only be the subshell running it). Stop it with stop_by_pidfile.
start_in_sandbox() {
  local pidfile=$1; shift
  rm -f "$pidfile"
  in_sandbox bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" &
  local i
  for i in $(seq 100); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  fail "$1 did not start"
}
stop_by_pidfile() {
  [ -s "$1" ] || return 0
  local pid i
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$1"
  wait 2>/dev/null
}
