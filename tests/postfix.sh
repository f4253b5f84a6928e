# A private Postfix 3.7 for tests (sourced after tests/lib.sh, after
# sandbox_init: it runs with the sandbox's private user database). Typical
# use, as root:
#   source "$TOP/tests/postfix.sh"
#   postfix_need
#   sandbox_init; sandbox_user ...
#   postfix_config "$T/postfix" [MAIN.CF-LINE...]
#   postfix_map "joe@virtual.example vmbase+joe"
#   postfix_start
#   trap postfix_stop EXIT
#   postfix_send alice@remote.example "$T/msg" joe@virtual.example
#   postfix_wait_queue_empty
#
# Isolation. Every Postfix program (the master and all it starts, postmap,
# postqueue, sendmail run by a delivery) runs in a private mount namespace
# (unshare -m, private propagation) made by postfix_exec, in which:
#   $T/etc/passwd, shadow, group  are bind-mounted over /etc/passwd, shadow,
#                                 group (the sandbox's copies, as sandbox-exec)
#   DIR/etc                       over /etc/postfix     (main.cf, master.cf, maps)
#   DIR/spool                     over /var/spool/postfix (the queue)
#   DIR/lib                       over /var/lib/postfix   (data_directory)
# So every Postfix program, even one that reads /etc/postfix/main.cf by
# default (postdrop and postqueue, set-gid, take another directory from a
# non-root user only when that main.cf lists it), sees only this instance:
# sendmail run as any sandbox user (a forward) works, with or without
# MAIL_CONFIG. The host's Postfix files are hidden, never written, and a
# Postfix running on the host is not disturbed (its pid file, locks and
# sockets are in its own queue and data directories). main.cf names the
# private directories by their real paths (queue_directory = DIR/spool,
# ...), so the files are the same inside and outside the namespace; the
# master runs as "master -s -c DIR/etc" (its stdout and stderr go to
# DIR/master.out) so that a leaked master still names $T, and
# alternate_config_directories lists DIR/etc for the MAIL_CONFIG it passes
# on. The master listens on 127.0.0.1 only, on a free port;
# default_transport and relay_transport are error: and master.cf has no
# smtp client at all, so nothing ever leaves the machine. Nothing in the
# host is changed.
#
# postfix_need: skips the test (exit 77) unless /usr/sbin/postfix, postmap,
#   postqueue, the master, the postfix user and the postdrop group exist.
# postfix_config DIR [MAIN.CF-LINE...]: writes DIR/etc/main.cf and master.cf
#   (only the services needed, none chrooted), an empty DIR/etc/virtual map
#   and the queue (DIR/spool) and data (DIR/lib) directories with Postfix's
#   owners and modes. MAIN.CF-LINEs are appended as they are (a later line
#   overrides an earlier one). Picks a free port: POSTFIX_SMTP_PORT.
#   myhostname mx.example, mydestination "mx.example localhost",
#   virtual_alias_domains virtual.example, virtual_alias_maps
#   hash:DIR/etc/virtual, recipient_delimiter +, no aliases, local users'
#   mail in ~/Maildir/ (home_mailbox), the log in DIR/maillog (postlogd).
#   VMAILMGR_ETC (when set) reaches the commands local(8) runs (through
#   export_environment: local(8) clears the environment).
# postfix_map "ADDRESS TARGET" ...: writes DIR/etc/virtual and runs postmap.
# postfix_exec CMD...: runs CMD in such a namespace (a new one each time; the
#   files are the same): e.g. postfix_exec postqueue -p.
# postfix_start [RUNNER...]: starts the master in the background in such a
#   namespace, sets POSTFIX_PID to its pid (a child of this shell) and
#   POSTFIX_NS to its mount namespace, and waits until smtpd greets on the
#   port (at most ~10 s). RUNNER words, if any, go in front of the master
#   inside the namespace (e.g. env VAR=VALUE); in_sandbox is accepted and
#   dropped: the namespace already has the sandbox's users.
# postfix_stop: SIGTERM to the master (which passes it to its process group),
#   then waits until no process is left in the master's mount namespace,
#   ending any straggler there by pid (TERM, then KILL); safe to repeat.
#   Returns 1 when it had to end something the master's SIGTERM did not.
# postfix_ns_pids: the pids of the live processes in the master's namespace
#   (POSTFIX_NS; after postfix_stop, "POSTFIX_NS=$POSTFIX_LAST_NS
#   postfix_ns_pids" checks that none is left).
# postfix_log: prints the log (for failure messages).
# postfix_queue_files: the files in the queue (incoming, active, deferred,
#   hold, maildrop), one a line; empty when the queue is.
# postfix_wait_queue_empty [SECONDS]: waits (default at most 30 s) until the
#   queue is empty (every message delivered or bounced, bounces too); fails
#   with the queue and the log otherwise.
# postfix_send [-h HELO] SENDER FILE RCPT...: one SMTP transaction with
#   Python's smtplib: MAIL FROM:<SENDER> (with SMTPUTF8 when SENDER or a
#   recipient is not ASCII; "" is the null sender), RCPT TO:<RCPT> each, and
#   the bytes of FILE as the message (line ends made CRLF, leading dots
#   doubled by smtplib). Prints "MAIL CODE", "RCPT ADDRESS CODE" for each
#   recipient, "DATA CODE" (DATA - when no recipient was accepted) on
#   stdout, the full replies on stderr. Exit 0 when the message was queued.

postfix_need() {
  local f
  for f in /usr/sbin/postfix /usr/sbin/postmap /usr/sbin/postqueue /usr/lib/postfix/sbin/master; do
    [ -x "$f" ] || skip "postfix is not installed ($f is missing)"
  done
  getent passwd postfix >/dev/null || skip "the postfix user is missing"
  getent group postdrop >/dev/null || skip "the postdrop group is missing"
  for f in /etc/postfix /var/spool/postfix /var/lib/postfix; do
    [ -d "$f" ] || skip "$f is missing (a mount point for the private instance)"
  done
  command -v python3 >/dev/null || skip "python3 is not installed"
  command -v unshare >/dev/null || skip "unshare is not installed"
  [ "$(id -u)" = 0 ] || skip "needs root for a private mount namespace"
}

# The namespace: sandbox users + the private Postfix directories, then exec.
# Every step execs the next, so the pid of the unshare is CMD's own.
POSTFIX_EXEC=(unshare -m --propagation private -- bash -c '
  for f in passwd shadow group; do mount --bind "$T/etc/$f" "/etc/$f" || exit 111; done
  mount --bind "$POSTFIX_DIR/etc" /etc/postfix || exit 111
  mount --bind "$POSTFIX_DIR/spool" /var/spool/postfix || exit 111
  mount --bind "$POSTFIX_DIR/lib" /var/lib/postfix || exit 111
  exec "$@"' postfix-exec)

postfix_exec() {
  [ -n "${POSTFIX_DIR:-}" ] || fail "postfix_exec: run postfix_config first"
  "${POSTFIX_EXEC[@]}" "$@"
}

postfix_config() {
  local dir=$1; shift
  [ -f "$T/etc/passwd" ] || fail "postfix_config: run sandbox_init first"
  mkdir -p "$dir/etc" "$dir/spool" "$dir/lib"
  dir=$(cd "$dir" && pwd)
  POSTFIX_DIR=$dir
  POSTFIX_SMTP_PORT=$(tcp_port)
  export POSTFIX_DIR POSTFIX_SMTP_PORT
  chmod 755 "$dir" "$dir/etc" "$dir/spool"
  # The queue as Debian's postfix-files makes it (no chroot: no etc, lib, dev).
  local d
  for d in active bounce corrupt defer deferred flush hold incoming private saved trace; do
    mkdir -p "$dir/spool/$d"; chown postfix:root "$dir/spool/$d"; chmod 700 "$dir/spool/$d"
  done
  mkdir -p "$dir/spool/maildrop" "$dir/spool/public" "$dir/spool/pid"
  chown postfix:postdrop "$dir/spool/maildrop" "$dir/spool/public"
  chmod 1730 "$dir/spool/maildrop"; chmod 2710 "$dir/spool/public"
  chown root:root "$dir/spool/pid"; chmod 755 "$dir/spool/pid"
  chown postfix:postfix "$dir/lib"; chmod 700 "$dir/lib"
  # Dynamically loaded map types (postfix-pcre...): the host's list, read only.
  cp -a /etc/postfix/dynamicmaps.cf "$dir/etc/" 2>/dev/null
  [ -d /etc/postfix/dynamicmaps.cf.d ] && cp -a /etc/postfix/dynamicmaps.cf.d "$dir/etc/"
  : > "$dir/maillog"
  local export_env="TZ MAIL_CONFIG LANG"
  [ -n "${VMAILMGR_ETC:-}" ] && export_env="$export_env VMAILMGR_ETC=$VMAILMGR_ETC"
  {
    cat <<EOF
# Written by tests/postfix.sh for one test. Inside the test's mount namespace
# this directory is /etc/postfix; nothing here touches the host's Postfix.
compatibility_level = 3.6
alternate_config_directories = $dir/etc
queue_directory = $dir/spool
data_directory = $dir/lib
mail_owner = postfix
setgid_group = postdrop
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
myhostname = mx.example
mydomain = example
myorigin = \$myhostname
mydestination = mx.example localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP test
smtpd_peername_lookup = no
smtpd_relay_restrictions = permit_mynetworks reject_unauth_destination
smtputf8_enable = yes
append_dot_mydomain = no
biff = no
relayhost =
relay_domains =
# Never anything off the machine (master.cf has no smtp client either).
default_transport = error:the test Postfix delivers nothing off the machine
relay_transport = error:the test Postfix delivers nothing off the machine
virtual_alias_domains = virtual.example
virtual_alias_maps = hash:$dir/etc/virtual
recipient_delimiter = +
alias_maps =
alias_database =
local_recipient_maps = proxy:unix:passwd.byname
allow_mail_to_commands = alias, forward
home_mailbox = Maildir/
mailbox_size_limit = 0
export_environment = $export_env
EOF
    local line
    for line in "$@"; do echo "$line"; done
  } > "$dir/etc/main.cf"
  cat > "$dir/etc/master.cf" <<EOF
# Written by tests/postfix.sh: only what one test instance needs, no chroot.
# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:$POSTFIX_SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  # Postfix waits until main.cf is older than the current second before it
  # reads it (a file being edited): back-date ours.
  touch -d "@$(( $(date +%s) - 2 ))" "$dir/etc/main.cf" "$dir/etc/master.cf"
  : > "$dir/etc/virtual"
  postfix_exec postmap "hash:$dir/etc/virtual" || fail "postmap failed"
}

postfix_map() {
  [ -n "${POSTFIX_DIR:-}" ] || fail "postfix_map: run postfix_config first"
  printf '%s\n' "$@" > "$POSTFIX_DIR/etc/virtual"
  postfix_exec postmap "hash:$POSTFIX_DIR/etc/virtual" || fail "postmap failed"
}

# postfix_greets [PREFIX]: our smtpd answers on the port with a greeting
# that starts with PREFIX (default "220 mx.example "); it is sent QUIT.
postfix_greets() {
  local prefix=${1:-"220 mx.example "}
  (
    exec 5<>"/dev/tcp/127.0.0.1/$POSTFIX_SMTP_PORT" || exit 1
    read -r -t 5 line <&5
    printf 'QUIT\r\n' >&5
    [[ $line == "$prefix"* ]]
  ) 2>/dev/null
}

postfix_start() {
  [ -n "${POSTFIX_DIR:-}" ] || fail "postfix_start: run postfix_config first"
  [ "${1:-}" = in_sandbox ] && shift
  # An external command started with & has its own pid in $!; unshare and
  # the inner bash exec, so that pid becomes the master's.
  "${POSTFIX_EXEC[@]}" "$@" /usr/lib/postfix/sbin/master -s -c "$POSTFIX_DIR/etc" \
    </dev/null >>"$POSTFIX_DIR/master.out" 2>&1 &
  POSTFIX_PID=$!
  POSTFIX_NS=
  local i self_ns ns
  self_ns=$(readlink /proc/self/ns/mnt)
  for i in $(seq 100); do
    ns=$(readlink "/proc/$POSTFIX_PID/ns/mnt" 2>/dev/null)
    [ -n "$ns" ] && [ "$ns" != "$self_ns" ] && POSTFIX_NS=$ns
    if [ -n "$POSTFIX_NS" ] && postfix_greets; then
      return 0
    fi
    postfix_alive "$POSTFIX_PID" || break
    sleep 0.1
  done
  postfix_log >&2
  postfix_stop
  fail "postfix did not start"
}

# postfix_alive PID: the process exists and is not a zombie.
postfix_alive() {
  local state
  state=$(sed -E 's/^[0-9]+ \(.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# The pids of the processes in the master's mount namespace (none when it is
# unknown: never this shell's own namespace).
postfix_ns_pids() {
  [ -n "${POSTFIX_NS:-}" ] || return 0
  [ "$POSTFIX_NS" != "$(readlink /proc/self/ns/mnt)" ] || return 0
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$POSTFIX_NS" ] && postfix_alive "${p#/proc/}" && echo "${p#/proc/}"
  done
}

postfix_stop() {
  local i pids clean=0
  if [ -n "${POSTFIX_PID:-}" ]; then
    kill -TERM "$POSTFIX_PID" 2>/dev/null
    for i in $(seq 100); do postfix_alive "$POSTFIX_PID" || break; sleep 0.1; done
    if postfix_alive "$POSTFIX_PID"; then
      echo "postfix_stop: the master ignored SIGTERM" >&2
      kill -KILL "$POSTFIX_PID" 2>/dev/null; clean=1
    fi
    wait "$POSTFIX_PID" 2>/dev/null
    POSTFIX_PID=
  fi
  if [ -n "${POSTFIX_NS:-}" ]; then
    # The master's children end on its SIGTERM or when they see it gone.
    for i in $(seq 100); do pids=$(postfix_ns_pids); [ -z "$pids" ] && break; sleep 0.1; done
    if [ -n "$pids" ]; then
      echo "postfix_stop: ending what the master left: $(ps -o pid=,args= -p "$(echo $pids | tr ' ' ,)" | tr '\n' ';')" >&2
      clean=1
      kill -TERM $pids 2>/dev/null; sleep 1
      pids=$(postfix_ns_pids); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
      for i in $(seq 50); do [ -z "$(postfix_ns_pids)" ] && break; sleep 0.1; done
    fi
    POSTFIX_LAST_NS=$POSTFIX_NS
    POSTFIX_NS=
  fi
  return $clean
}

postfix_log() {
  cat "$POSTFIX_DIR/master.out" "$POSTFIX_DIR/maillog" 2>/dev/null
}

postfix_queue_files() {
  (cd "$POSTFIX_DIR/spool" && find incoming active deferred hold maildrop -type f 2>/dev/null | sort)
}

postfix_wait_queue_empty() {
  local limit=${1:-30} i
  for i in $(seq $((limit * 10))); do
    [ -z "$(postfix_queue_files)" ] && return 0
    sleep 0.1
  done
  echo "queue: $(postfix_queue_files | tr '\n' ' ')" >&2
  postfix_exec postqueue -p >&2
  postfix_log | tail -n 40 >&2
  fail "the Postfix queue is not empty after $limit s"
}

postfix_send() {
  local helo=client.example
  if [ "${1:-}" = -h ]; then helo=$2; shift 2; fi
  python3 - "$POSTFIX_SMTP_PORT" "$helo" "$@" <<'PY'
import re, smtplib, sys
port, helo, sender, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rcpts = sys.argv[5:]
# The arguments come as the file system encoding gives them (UTF-8 bytes
# that are not UTF-8 come back as surrogates: send them as they were).
def raw(s): return s.encode("utf-8", "surrogateescape")
sys.stdout.reconfigure(errors="surrogateescape")
sys.stderr.reconfigure(errors="surrogateescape")
with open(path, "rb") as f:
    message = re.sub(rb"\r?\n", b"\r\n", f.read())
utf8 = any(not raw(a).isascii() for a in [sender] + rcpts)
s = smtplib.SMTP("127.0.0.1", port, timeout=30)
def log(what, code, text):
    print("%s: %d %s" % (what, code, text.decode("utf-8", "replace").replace("\n", " / ")), file=sys.stderr)
code, text = s.ehlo(helo)
if code != 250:
    log("EHLO", code, text); print("EHLO %d" % code); sys.exit(1)
if utf8:
    if not s.has_extn("smtputf8"):
        print("SMTPUTF8 not offered", file=sys.stderr); sys.exit(1)
def cmd(verb, arg):
    s.send(raw("%s %s" % (verb, arg)) + b"\r\n")
    return s.getreply()
code, text = cmd("mail", "FROM:<%s>%s" % (sender, " SMTPUTF8" if utf8 else ""))
log("MAIL FROM:<%s>" % sender, code, text)
print("MAIL %d" % code)
accepted = 0
if code == 250:
    for r in rcpts:
        code, text = cmd("rcpt", "TO:<%s>" % r)
        log("RCPT TO:<%s>" % r, code, text)
        print("RCPT %s %d" % (r, code))
        accepted += code in (250, 251)
queued = False
if accepted:
    try:
        code, text = s.data(message)
    except smtplib.SMTPDataError as e:
        code, text = e.smtp_code, e.smtp_error
    log("DATA", code, text)
    print("DATA %d" % code)
    queued = code == 250
else:
    print("DATA -")
try:
    s.quit()
except smtplib.SMTPException:
    pass
sys.exit(0 if queued else 1)
PY
}
