# A private Exim 4.96 for tests (sourced after tests/lib.sh and
# tests/mta.sh, after sandbox_init: it runs with the sandbox's private user
# database). Typical use, as root:
#   source "$TOP/tests/mta.sh"; source "$TOP/tests/exim.sh"
#   mta_sandbox 2970               # or sandbox_init; sandbox_user ...
#   exim_need "$T/exim"            # unpacks Debian's exim4-daemon-light
#   exim_config <<EOF ... EOF      # routers, transports (the rest is ours)
#   exim_start; trap exim_stop EXIT
#   mta_send "$EXIM_SMTP_PORT" alice@remote.example "$T/msg" joe@virtual.example
#   exim_wait_queue_empty
#
# Why unpacked, not installed: exim4-daemon-light conflicts with Postfix
# (both provide mail-transport-agent). tests/debs fetches the .deb once into
# obj/debs/ and unpacks it into DIR/root; nothing is installed. The binary
# keeps Debian's setuid-root bit, as installed: the daemon runs as the Exim
# user (Debian-exim) and re-executes exim_path for every delivery, which must
# become root again to run a pipe as the base user. DIR/root is mode 0750,
# group Debian-exim's private gid, so no user of the host can run that copy.
#
# Isolation. Every Exim process runs in a private mount namespace (unshare -m)
# made by exim_exec, in which /etc is a read-only overlay of DIR/etc over the
# host's /etc (adding only /etc/exim4/trusted_configs, which Debian's Exim
# reads: an exim user re-executing Exim keeps root for -C DIR/exim.conf only
# when that file is listed there), and the sandbox's passwd, shadow, group are
# bind-mounted over it (sandbox-exec's), with the user Debian-exim (uid 2980)
# added; DIR/var/spool and DIR/var/log are bind-mounted over /var/spool and
# /var/log (Exim's compiled-in spool and log directories, used before it has
# read a configuration: never the host's). Everything Exim writes is under
# DIR: spool_directory DIR/spool,
# log_file_path DIR/log/%slog, pid_file_path DIR/exim.pid, exim_path and -C
# name DIR, so a leaked process still names DIR. It listens on 127.0.0.1 only,
# on a free port; the configuration has no remote router and no smtp
# transport, and its RCPT ACL accepts only its own domains, so nothing ever
# leaves the machine. Nothing on the host is changed.
#
# exim_need DIR: skips the test (exit 77) unless Exim can be had and run:
#   root, unshare, overlayfs, the .deb (tests/debs), its libraries (libidn12).
#   Sets EXIM_DIR and EXIM_BIN; adds Debian-exim to the sandbox's user database.
# exim_config: writes DIR/exim.conf: the main settings above, primary_hostname
#   mx.example, local_domains "mx.example : virtual.example", an RCPT ACL as
#   Debian's (the domain must be local, the recipient verifiable), then stdin
#   (the router and transport sections' contents, see below), a local_user
#   router and local_maildir transport (mx.example users, ~/Maildir/), and a
#   retry rule. stdin holds two parts separated by a line "%%": routers, then
#   transports (our routers go first). Picks a free port: EXIM_SMTP_PORT.
# exim_exec CMD...: CMD in such a namespace (e.g. exim_exec "$EXIM_BIN" -bpc).
# exim CMD-ARGS...: the Exim binary with -C DIR/exim.conf, in the namespace.
# exim_start: starts the daemon (exim -bdf, in the foreground: EXIM_PID is
#   its own pid, a child of this shell), waits until it greets on the port.
# exim_stop: SIGTERM to the daemon, waits for it, then for any other process
#   naming DIR (a delivery still running), ending a straggler by pid; returns
#   1 when it had to end something. Safe to repeat.
# exim_log: the main log (for failure messages).
# exim_queue_count: the number of messages in the queue (exim -bpc).
# exim_wait_queue_empty [SECONDS]: waits (default at most 30 s) until the queue
#   is empty and no delivery process is left; fails with the log otherwise.
# exim_wait_log REGEX [SECONDS]: waits until a line of the main log matches.

exim_need() {
  mta_need_deb "Exim 4" "$1" exim4-daemon-light usr/sbin/exim4 "(apt-get install libidn12; tests/deps does)"
  EXIM_DIR=$MTA_DIR
  export EXIM_DIR
  EXIM_BIN=$EXIM_DIR/root/usr/sbin/exim4
  mta_system_user Debian-exim 2980 Exim /nonexistent
  chown root:2980 "$EXIM_DIR/root"
  chmod 0750 "$EXIM_DIR/root"
  chmod 0755 "$EXIM_DIR"
  mkdir -p "$EXIM_DIR/etc/exim4" "$EXIM_DIR/spool" "$EXIM_DIR/log" "$EXIM_DIR/var/spool" "$EXIM_DIR/var/log"
  chown 2980:2980 "$EXIM_DIR/spool" "$EXIM_DIR/log"
  chmod 0750 "$EXIM_DIR/spool" "$EXIM_DIR/log"
  echo "$EXIM_DIR/exim.conf" > "$EXIM_DIR/etc/exim4/trusted_configs"
  chmod 0644 "$EXIM_DIR/etc/exim4/trusted_configs"
}

# The namespace: /etc with exim4/trusted_configs, the sandbox's users, exec.
# Every step execs the next, so the pid of the unshare is CMD's own.
EXIM_EXEC=(unshare -m --propagation private -- bash -c '
  mount -t overlay vmm-exim -o "lowerdir=$EXIM_DIR/etc:/etc" /etc || exit 111
  for f in passwd shadow group; do mount --bind "$T/etc/$f" "/etc/$f" || exit 111; done
  mount --bind "$EXIM_DIR/var/spool" /var/spool || exit 111
  mount --bind "$EXIM_DIR/var/log" /var/log || exit 111
  exec "$@"' exim-exec)

exim_exec() {
  [ -n "${EXIM_DIR:-}" ] || fail "exim_exec: run exim_need first"
  "${EXIM_EXEC[@]}" "$@"
}

exim() {
  exim_exec "$EXIM_BIN" -C "$EXIM_DIR/exim.conf" "$@"
}

exim_config() {
  [ -n "${EXIM_DIR:-}" ] || fail "exim_config: run exim_need first"
  local input routers transports
  input=$(cat)
  routers=${input%%$'\n'%%*}
  transports=${input#*$'\n'%%$'\n'}
  [ "$routers" != "$input" ] || fail "exim_config: no %% line between routers and transports"
  EXIM_SMTP_PORT=$(tcp_port)
  export EXIM_SMTP_PORT
  cat > "$EXIM_DIR/exim.conf" <<EOF
# Written by tests/exim.sh for one test: nothing here touches the host.
primary_hostname = mx.example
qualify_domain = mx.example
exim_path = $EXIM_BIN
spool_directory = $EXIM_DIR/spool
log_file_path = $EXIM_DIR/log/%slog
pid_file_path = $EXIM_DIR/exim.pid
local_interfaces = <; 127.0.0.1
daemon_smtp_ports = $EXIM_SMTP_PORT
domainlist local_domains = mx.example : virtual.example
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =
keep_environment =
never_users = root
acl_smtp_rcpt = acl_check_rcpt
ignore_bounce_errors_after = 2d
timeout_frozen_after = 7d

begin acl

acl_check_rcpt:
  require message = relay not permitted
          domains = +local_domains
  require verify = recipient
  accept

begin routers

$routers

local_user:
  driver = accept
  domains = mx.example
  check_local_user
  transport = local_maildir

begin transports

$transports

local_maildir:
  driver = appendfile
  directory = \$home/Maildir
  maildir_format
  delivery_date_add
  envelope_to_add
  return_path_add

begin retry

*   *   F,2h,15m; G,16h,1h,1.5; F,4d,6h
EOF
  # Exim takes -C only from a file of root's that nobody else may write.
  chown root:root "$EXIM_DIR/exim.conf"
  chmod 0644 "$EXIM_DIR/exim.conf"
  local check
  check=$(exim -bV 2>&1) || fail "exim -bV refuses the configuration: $check"
}

exim_greets() { mta_greets "$EXIM_SMTP_PORT" "220 mx.example ESMTP Exim "; }

exim_start() {
  "${EXIM_EXEC[@]}" "$EXIM_BIN" -C "$EXIM_DIR/exim.conf" -bdf >"$EXIM_DIR/daemon.out" 2>&1 &
  EXIM_PID=$!
  local i
  for i in $(seq 100); do
    exim_greets && return 0
    mta_alive "$EXIM_PID" || break
    sleep 0.1
  done
  cat "$EXIM_DIR/daemon.out" >&2
  exim_log | tail -n 20 >&2
  exim_stop
  fail "the Exim daemon does not answer on 127.0.0.1:$EXIM_SMTP_PORT"
}

exim_stop() {
  local rc=0 left
  if [ -n "${EXIM_PID:-}" ]; then
    kill -TERM "$EXIM_PID" 2>/dev/null
    mta_stop_pids 10 "$EXIM_PID" || rc=1
    wait "$EXIM_PID" 2>/dev/null
    EXIM_PID=
  fi
  left=$(mta_pids_naming "$EXIM_DIR/")
  # shellcheck disable=SC2086
  [ -z "$left" ] || mta_stop_pids 10 $left || rc=1
  return $rc
}

exim_log() {
  cat "$EXIM_DIR/log/mainlog" "$EXIM_DIR/log/paniclog" 2>/dev/null
}

exim_queue_count() {
  exim -bpc 2>&1
}

exim_wait_queue_empty() {
  local limit=${1:-30} i
  for i in $(seq $((limit * 10))); do
    if [ "$(exim_queue_count)" = 0 ] && [ -z "$(mta_pids_naming "$EXIM_DIR/" | grep -vx "${EXIM_PID:-x}")" ]; then
      return 0
    fi
    sleep 0.1
  done
  exim -bp >&2
  exim_log | tail -n 30 >&2
  fail "the Exim queue is not empty after $limit s"
}

exim_wait_log() {
  local re=$1 limit=${2:-30} i
  for i in $(seq $((limit * 10))); do
    exim_log | grep -qE -- "$re" && return 0
    sleep 0.1
  done
  exim_log | tail -n 30 >&2
  fail "no line of Exim's log matches [$re] after $limit s"
}
