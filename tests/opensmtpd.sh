# A private OpenSMTPD 6.8 for tests (sourced after tests/lib.sh and
# tests/mta.sh, after sandbox_init: it runs with the sandbox's private user
# database). Typical use, as root:
#   source "$TOP/tests/mta.sh"; source "$TOP/tests/opensmtpd.sh"
#   mta_sandbox 2970               # or sandbox_init; sandbox_user ...
#   smtpd_need "$T/smtpd"          # unpacks Debian's opensmtpd
#   smtpd_config <<EOF ... EOF     # tables, actions, match lines
#   smtpd_start; trap smtpd_stop EXIT
#   mta_send "$SMTPD_SMTP_PORT" alice@remote.example "$T/msg" joe@virtual.example
#   smtpd_wait_queue_empty
#
# Why unpacked, not installed: opensmtpd conflicts with Postfix (both provide
# mail-transport-agent). tests/debs fetches the .deb once into obj/debs/ and
# unpacks it into DIR/root; nothing is installed.
#
# Isolation. smtpd has its paths compiled in (/etc/mailname, /var/spool/smtpd,
# /var/run/smtpd.sock, the chroot /var/lib/opensmtpd/empty, its helpers in
# /usr/libexec/opensmtpd), so it runs in a private mount namespace
# (unshare -m) made by smtpd_exec, in which:
#   /etc  is a read-only overlay of DIR/etc (mailname: mx.example) over the
#         host's, with the sandbox's passwd, shadow, group bind-mounted over it
#         (the users opensmtpd and opensmtpq, uids 2981 and 2982, added as the
#         package's postinst makes them: home /var/lib/opensmtpd/empty)
#   /usr  is a read-only overlay of DIR/root/usr (the package) over the host's
#   /var  is an overlay of the host's /var with DIR/var as its upper, writable
#         layer: the queue (/var/spool/smtpd), the socket and pid file
#         (/var/run is a directory there, not the host's /run) and the chroot
#         directory are DIR/var's; the host's /var is never written.
# smtpd runs in the foreground (-d) and logs to DIR/smtpd.log, never to
# syslog. smtpctl runs in the same namespace (nsenter). It listens on
# 127.0.0.1 only, on a free port, and has no relay action, so nothing ever
# leaves the machine. Nothing on the host is changed.
#
# smtpd_need DIR: skips the test (exit 77) unless OpenSMTPD can be had and
#   run: root, unshare, nsenter, overlayfs, the .deb (tests/debs), its
#   libraries. Sets SMTPD_DIR; adds its users to the sandbox's user database.
# smtpd_config: writes DIR/smtpd.conf: "listen on 127.0.0.1 port PORT
#   hostname mx.example", then stdin, then an action "local" (maildir:
#   ~/Maildir/) for mx.example's users. Checks it with smtpd -n. Picks a free
#   port: SMTPD_SMTP_PORT.
# smtpd_start: starts smtpd -d in the background in such a namespace, sets
#   SMTPD_PID (its own pid, a child of this shell) and SMTPD_NS (its mount
#   namespace), waits until it greets on the port.
# smtpd_stop: SIGTERM to smtpd (it waits for its processes), then waits until
#   no process is left in its namespace, ending a straggler by pid; returns 1
#   when it had to end something. Safe to repeat.
# smtpd_ns_pids: the live processes in smtpd's mount namespace (SMTPD_NS).
# smtpctl ARGS...: smtpctl in smtpd's namespace (nsenter), as root with the
#   group opensmtpq.
# smtpd_log: the log (for failure messages).
# smtpd_queue: `smtpctl show queue` (one envelope a line; empty when none).
# smtpd_wait_log REGEX [SECONDS]: waits until a line of the log matches.
# smtpd_wait_queue_empty [SECONDS]: waits until the queue is empty.

smtpd_need() {
  command -v nsenter >/dev/null || skip "nsenter is not installed"
  mta_need_deb OpenSMTPD "$1" opensmtpd usr/sbin/smtpd
  SMTPD_DIR=$MTA_DIR
  export SMTPD_DIR
  mta_system_user opensmtpd 2981 "OpenSMTPD Daemon" /var/lib/opensmtpd/empty
  mta_system_user opensmtpq 2982 "OpenSMTPD queue user" /var/lib/opensmtpd/empty
  chmod 0755 "$SMTPD_DIR" "$SMTPD_DIR/root"
  mkdir -p "$SMTPD_DIR/etc" "$SMTPD_DIR/var/lib/opensmtpd/empty" "$SMTPD_DIR/var/run" \
    "$SMTPD_DIR/var/spool" "$SMTPD_DIR/var.work"
  chmod 0755 "$SMTPD_DIR/var" "$SMTPD_DIR/var/lib" "$SMTPD_DIR/var/lib/opensmtpd" \
    "$SMTPD_DIR/var/lib/opensmtpd/empty" "$SMTPD_DIR/var/run" "$SMTPD_DIR/var/spool"
  echo mx.example > "$SMTPD_DIR/etc/mailname"
  : > "$SMTPD_DIR/smtpd.log"
}

# The namespace; every step execs the next, so the pid of the unshare is
# CMD's own.
SMTPD_EXEC=(unshare -m --propagation private -- bash -c '
  mount -t overlay vmm-smtpd -o "lowerdir=$SMTPD_DIR/etc:/etc" /etc || exit 111
  for f in passwd shadow group; do mount --bind "$T/etc/$f" "/etc/$f" || exit 111; done
  mount -t overlay vmm-smtpd -o "lowerdir=$SMTPD_DIR/root/usr:/usr" /usr || exit 111
  mount -t overlay vmm-smtpd -o "lowerdir=/var,upperdir=$SMTPD_DIR/var,workdir=$SMTPD_DIR/var.work" /var || exit 111
  exec "$@"' smtpd-exec)

smtpd_config() {
  [ -n "${SMTPD_DIR:-}" ] || fail "smtpd_config: run smtpd_need first"
  SMTPD_SMTP_PORT=$(tcp_port)
  export SMTPD_SMTP_PORT
  {
    echo "# Written by tests/opensmtpd.sh for one test: nothing here touches the host."
    echo "listen on 127.0.0.1 port $SMTPD_SMTP_PORT hostname mx.example"
    cat
    echo 'action "local" maildir'
    echo 'match from any for domain "mx.example" action "local"'
  } > "$SMTPD_DIR/smtpd.conf"
  local check
  check=$("${SMTPD_EXEC[@]}" /usr/sbin/smtpd -n -f "$SMTPD_DIR/smtpd.conf" 2>&1) ||
    fail "smtpd -n refuses the configuration: $check"
}

smtpd_greets() { mta_greets "$SMTPD_SMTP_PORT" "220 mx.example ESMTP OpenSMTPD"; }

smtpd_start() {
  "${SMTPD_EXEC[@]}" /usr/sbin/smtpd -d -f "$SMTPD_DIR/smtpd.conf" >>"$SMTPD_DIR/smtpd.log" 2>&1 &
  SMTPD_PID=$!
  local i
  for i in $(seq 100); do
    [ -z "${SMTPD_NS:-}" ] && SMTPD_NS=$(readlink "/proc/$SMTPD_PID/ns/mnt" 2>/dev/null)
    [ "$SMTPD_NS" = "$(readlink /proc/self/ns/mnt)" ] && SMTPD_NS=  # not yet unshared
    [ -n "$SMTPD_NS" ] && smtpd_greets && return 0
    mta_alive "$SMTPD_PID" || break
    sleep 0.1
  done
  smtpd_log | tail -n 20 >&2
  smtpd_stop
  fail "smtpd does not answer on 127.0.0.1:$SMTPD_SMTP_PORT"
}

smtpd_ns_pids() {
  [ -n "${SMTPD_NS:-}" ] || return 0
  local d
  for d in /proc/[0-9]*; do
    [ "$(readlink "$d/ns/mnt" 2>/dev/null)" = "$SMTPD_NS" ] && mta_alive "${d#/proc/}" && echo "${d#/proc/}"
  done
  return 0
}

smtpd_stop() {
  local rc=0 left
  if [ -n "${SMTPD_PID:-}" ]; then
    kill -TERM "$SMTPD_PID" 2>/dev/null
    mta_stop_pids 10 "$SMTPD_PID" || rc=1
    wait "$SMTPD_PID" 2>/dev/null
    SMTPD_PID=
  fi
  left=$(smtpd_ns_pids)
  # shellcheck disable=SC2086
  [ -z "$left" ] || mta_stop_pids 10 $left || rc=1
  return $rc
}

smtpctl() {
  [ -n "${SMTPD_PID:-}" ] || fail "smtpctl: smtpd is not running"
  # smtpctl insists on running with the group opensmtpq (Debian makes it
  # set-gid); root takes that group instead of a set-gid copy.
  nsenter -t "$SMTPD_PID" -m -- setpriv --regid 2982 --keep-groups /usr/sbin/smtpctl "$@"
}

smtpd_log() { cat "$SMTPD_DIR/smtpd.log"; }

smtpd_queue() { smtpctl show queue 2>&1; }

smtpd_wait_log() {
  local re=$1 limit=${2:-30} i
  for i in $(seq $((limit * 10))); do
    grep -qE -- "$re" "$SMTPD_DIR/smtpd.log" && return 0
    sleep 0.1
  done
  tail -n 30 "$SMTPD_DIR/smtpd.log" >&2
  fail "no line of smtpd's log matches [$re] after $limit s"
}

smtpd_wait_queue_empty() {
  local limit=${1:-30} i
  for i in $(seq $((limit * 10))); do
    [ -z "$(smtpd_queue)" ] && return 0
    sleep 0.1
  done
  smtpd_queue >&2
  tail -n 30 "$SMTPD_DIR/smtpd.log" >&2
  fail "smtpd's queue is not empty after $limit s"
}
