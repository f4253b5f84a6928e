# A private courier-authlib authdaemond with authvmailmgr as its authpipe
# program, and Courier-IMAP behind couriertcpd, for tests (sourced after
# tests/lib.sh; run as root, users from the sandbox). Nothing on the host
# changes: authdaemond runs in a private mount namespace where
# $COURIER_DIR/etc is /etc/courier (authdaemonrc, authProg) and
# $COURIER_DIR/run is its socket directory; clients enter that namespace
# (courier_in). Typical use:
#   source "$TOP/tests/courier.sh"
#   courier_need
#   courier_config "$T/courier"
#   courier_start
#   trap courier_stop EXIT
#   courier_in authtest -s imap joe@example.test secret
#
# courier_need: skips (77) unless authdaemond, the authpipe module, authtest,
#   authenumerate, nsenter and setsid are here.
# courier_config DIR [DAEMONS] [MODULES]: writes DIR/etc/authdaemonrc
#   (authmodulelist="MODULES", default authpipe; DAEMONS workers, default 2)
#   and the symlink DIR/etc/authProg -> $TOP/authvmailmgr; makes DIR/run.
# courier_userdb_need: Courier's own authuserdb module and makeuserdb
#   (courier-authlib-userdb, unpacked with tests/debs into DIR/debs), for
#   comparisons: DIR/modules is the host's module directory plus
#   libauthuserdb, bound over /usr/lib/courier-authlib by courier_start;
#   COURIER_MAKEUSERDB is the script (makeuserdb -f DIR/etc/userdb).
# courier_start: authdaemond (no arguments: it stays in the foreground)
#   under setsid — on TERM it signals its whole process group, which must
#   not be the test's — in the sandbox namespace, with VMAILMGR_ETC; sets
#   COURIER_PID and waits for its socket. Its stderr (and authvmailmgr's)
#   goes to DIR/authdaemond.log.
# courier_in CMD...: runs CMD in authdaemond's mount namespace.
# courier_programs: the pids of authdaemond's running authvmailmgr copies, sorted.
# courier_imap_need, courier_pop_need: unpack courier-imap or courier-pop,
#   courier-base and their two libraries into DIR/debs with tests/debs
#   (skip when they cannot be had); COURIER_ROOT is that directory.
# courier_imap_start, courier_pop_start: couriertcpd on 127.0.0.1 at a free
#   port running imaplogin + imapd, or courierpop3login + courierpop3d
#   (Maildir), in the namespace, under setsid (courier_tcpd); set
#   COURIER_IMAP_PORT/COURIER_IMAP_PID or COURIER_POP_PORT/COURIER_POP_PID;
#   the daemon's stderr is DIR/imapd.log or DIR/pop3d.log.
#   No FAM here: GAMIN_DEBUG_SERVER=/bin/true (no gam_server is left
#   behind) and IMAP_USELOCKS=0 (locking would ask FAM, 1.2 s each time).
#   imapd still asks FAM once after each login (~1.2 s until it gives up):
#   the benchmark sets COURIER_GAM_SERVER to gamin's gam_server
#   (courier_debs gamin), which courier_stop stops again.
# courier_stop: stops every couriertcpd and authdaemond with their process groups
#   (each its own session), by pid; waits until every process of them is
#   gone. Safe to repeat.
# courier_log: every log, for failure messages.

COURIER_AUTHDAEMOND=/usr/lib/courier/courier-authlib/authdaemond

courier_need() {
  [ -x "$COURIER_AUTHDAEMOND" ] || skip "courier-authdaemon is not installed"
  [ -e /usr/lib/courier-authlib/libauthpipe.so.0 ] || skip "courier-authlib-pipe is not installed"
  need authtest
  need authenumerate
  need nsenter
  need setsid
  [ -d /etc/courier ] || skip "/etc/courier is missing"
  [ -x "$TOP/authvmailmgr" ] || fail "authvmailmgr is not built"
}

courier_config() {
  COURIER_DIR=$1
  mkdir -p "$COURIER_DIR/etc" "$COURIER_DIR/run"
  chmod 755 "$COURIER_DIR" "$COURIER_DIR/etc"
  cat > "$COURIER_DIR/etc/authdaemonrc" <<EOF
# Written by tests/courier.sh for one test.
authmodulelist="${3:-authpipe}"
daemons=${2:-2}
authdaemonvar=/run/courier/authdaemon
DEBUG_LOGIN=0
DEFAULTOPTIONS=""
EOF
  ln -sfn "$TOP/authvmailmgr" "$COURIER_DIR/etc/authProg"
  export COURIER_DIR
}

courier_userdb_need() {
  courier_debs courier-authlib-userdb
  COURIER_MAKEUSERDB=$COURIER_ROOT/usr/sbin/makeuserdb
  [ -x "$COURIER_MAKEUSERDB" ] || fail "courier-authlib-userdb has no makeuserdb"
  mkdir -p "$COURIER_DIR/modules"
  cp -P /usr/lib/courier-authlib/libauth* "$COURIER_ROOT"/usr/lib/courier-authlib/libauthuserdb* \
    "$COURIER_DIR/modules/" || fail "cannot copy the authlib modules"
}

# The socket directory is compiled in; bind ours over it, or (when the host
# has none) over a private /run.
courier_start() {
  [ -n "${COURIER_DIR:-}" ] || fail "courier_start: run courier_config first"
  local pidfile=$COURIER_DIR/authdaemond.pid
  rm -f "$pidfile"
  in_sandbox bash -c '
    dir=$1; shift
    mount --bind "$dir/etc" /etc/courier || exit 111
    if [ -d "$dir/modules" ]; then
      mount --bind "$dir/modules" /usr/lib/courier-authlib || exit 111
    fi
    if [ -d /run/courier/authdaemon ]; then
      mount --bind "$dir/run" /run/courier/authdaemon || exit 111
    else
      mount -t tmpfs courier-test-run /run && mkdir -p /run/courier/authdaemon || exit 111
    fi
    echo $$ > "$dir/authdaemond.pid"
    exec setsid "$@"' courier-start "$COURIER_DIR" "$COURIER_AUTHDAEMOND" \
    >>"$COURIER_DIR/authdaemond.log" 2>&1 &
  local i
  COURIER_PID=
  for i in $(seq 100); do
    [ -z "$COURIER_PID" ] && [ -s "$pidfile" ] && COURIER_PID=$(cat "$pidfile")
    if [ -n "$COURIER_PID" ] && courier_in test -S /run/courier/authdaemon/socket 2>/dev/null; then
      # setsid must not have forked: the pid written is authdaemond's.
      [ "$(cat "/proc/$COURIER_PID/comm" 2>/dev/null)" = authdaemond ] ||
        fail "courier_start: pid $COURIER_PID is not authdaemond"
      return 0
    fi
    sleep 0.1
  done
  courier_log >&2
  fail "authdaemond did not start"
}

courier_in() {
  nsenter --target "$COURIER_PID" --mount -- "$@"
}

courier_programs() {
  local p
  for p in $(pgrep -g "$COURIER_PID"); do
    [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$TOP/authvmailmgr" ] && echo "$p"
  done | sort -n
}

# courier_debs PACKAGE...: unpacks PACKAGE... (and courier-base with the two
# libraries its servers need) into COURIER_ROOT=DIR/debs; skips when they
# cannot be had.
courier_debs() {
  COURIER_ROOT=$COURIER_DIR/debs
  "$TOP/tests/debs" "$COURIER_ROOT" courier-base libcourier-unicode4 libgamin0 "$@" ||
    skip "$* cannot be unpacked here"
}

courier_imap_need() {
  courier_debs courier-imap
  COURIER_IMAP_ROOT=$COURIER_ROOT
  [ -x "$COURIER_ROOT/usr/lib/courier/courier/imaplogin" ] || fail "courier-imap has no imaplogin"
}

courier_pop_need() {
  courier_debs courier-pop
  [ -x "$COURIER_ROOT/usr/lib/courier/courier/courierpop3login" ] ||
    fail "courier-pop has no courierpop3login"
}

# courier_tcpd NAME LOGIN DAEMON: couriertcpd on 127.0.0.1 at a free port
# running LOGIN DAEMON Maildir (paths below COURIER_ROOT), in authdaemond's
# namespace, under setsid; sets COURIER_TCPD_PORT and COURIER_TCPD_PID and
# adds the pid to COURIER_TCPD_PIDS (courier_stop stops them all). NAME
# names its logs: DIR/NAME.log (the daemon's stderr), DIR/NAME-tcpd.log.
courier_tcpd() {
  local name=$1 login=$2 daemon=$3 root=$COURIER_ROOT
  local pidfile=$COURIER_DIR/$name-tcpd.pid
  COURIER_TCPD_PORT=$(tcp_port)
  rm -f "$pidfile"
  courier_in bash -c 'echo $$ > "$0"; exec setsid "$@"' "$pidfile" \
    env GAMIN_DEBUG_SERVER="${COURIER_GAM_SERVER:-/bin/true}" IMAP_USELOCKS=0 LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu" \
    IMAP_CAPABILITY="IMAP4rev1 UIDPLUS CHILDREN NAMESPACE" POP3AUTH="" \
    "$root/usr/sbin/couriertcpd" -address=127.0.0.1 -nodnslookup -noidentlookup -maxprocs=20 -maxperip=20 \
    -stderr="$COURIER_DIR/$name.log" "$COURIER_TCPD_PORT" \
    "$root/$login" "$root/$daemon" Maildir \
    >>"$COURIER_DIR/$name-tcpd.log" 2>&1 &
  local i
  COURIER_TCPD_PID=
  for i in $(seq 100); do
    if [ -z "$COURIER_TCPD_PID" ] && [ -s "$pidfile" ]; then
      COURIER_TCPD_PID=$(cat "$pidfile")
      COURIER_TCPD_PIDS="${COURIER_TCPD_PIDS:-} $COURIER_TCPD_PID"
    fi
    if [ -n "$COURIER_TCPD_PID" ] && (exec 5<>"/dev/tcp/127.0.0.1/$COURIER_TCPD_PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  courier_log >&2
  fail "couriertcpd ($name) did not start"
}

courier_imap_start() {
  courier_tcpd imapd usr/lib/courier/courier/imaplogin usr/bin/imapd
  COURIER_IMAP_PORT=$COURIER_TCPD_PORT COURIER_IMAP_PID=$COURIER_TCPD_PID
}

courier_pop_start() {
  courier_tcpd pop3d usr/lib/courier/courier/courierpop3login usr/lib/courier/courier/courierpop3d
  COURIER_POP_PORT=$COURIER_TCPD_PORT COURIER_POP_PID=$COURIER_TCPD_PID
}

# courier_stop_group PID: TERM to the process group PID leads, then KILL
# to whatever of it is left after ~5 s; returns once it is empty.
courier_stop_group() {
  local pgid=$1 i
  kill -TERM -- "-$pgid" 2>/dev/null
  for i in $(seq 50); do
    pgrep -g "$pgid" >/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null
  for i in $(seq 50); do
    pgrep -g "$pgid" >/dev/null || return 0
    sleep 0.1
  done
}

courier_stop() {
  local p
  for p in ${COURIER_TCPD_PIDS:-}; do courier_stop_group "$p"; done
  # A real gam_server (COURIER_GAM_SERVER) detaches into its own session:
  # the copies started from our unpacked tree, found by their executable.
  if [ -n "${COURIER_GAM_SERVER:-}" ]; then
    for p in $(pgrep -x gam_server); do
      [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$COURIER_GAM_SERVER" ] && kill -TERM "$p" 2>/dev/null
    done
  fi
  COURIER_TCPD_PIDS= COURIER_IMAP_PID= COURIER_POP_PID=
  [ -n "${COURIER_PID:-}" ] && courier_stop_group "$COURIER_PID"
  COURIER_PID=
  wait 2>/dev/null
  return 0
}

courier_log() {
  cat "$COURIER_DIR/authdaemond.log" "$COURIER_DIR"/*d.log "$COURIER_DIR"/*-tcpd.log 2>/dev/null
}
