# Shared by the vmailmgrd, vpoppassd and vadminpasswd tests (sourced after
# tests/lib.sh; not a test itself). vmd_world builds, in the sandbox of
# tests/lib.sh, domains whose tables are made by the real tools run as
# their base users:
#   vmdbase  2941  example.test, .wild.test; system password base-secret and
#            no admin-password file (the system password is the admin's);
#            member of the group vmdmail. joe, ann (mailboxes), sales (alias
#            -> joe), eve (expired), dora (mailbox disabled), the postmaster
#            aliases; passwords NAME-secret
#   vmdother 2942  other.test; admin password other-admin (vadminpasswd),
#            system password other-system; boss (boss-secret)
#   also: rootdom.test:root, local.test in control/locals, global settings
#   in $VMAILMGR_ETC (qmail-root $T/qmail).
# vmd_serve_unix [ARGS...] / vmd_serve_tcp PORT [ARGS...]: vmailmgrd ARGS
#   under unixserver ($VMD_SOCKET) or tcpserver, as root in the sandbox, in
#   the background, its log in $T/vmailmgrd.log; vmd_stop ends it by pid.
# vmc ARGS...: the Python client module's command line (run: $out $err $rc),
#   talking to $VMD_SOCKET (or VMC_TARGET="--tcp 127.0.0.1:PORT").
export LC_ALL=C
VMD_SOCKET=$T/vmailmgrd.sock
VMD_LOG=$T/vmailmgrd.log
BASE_H=$T/home/vmdbase
OTHER_H=$T/home/vmdother
export PYTHONPATH=$TOP/python

# vmd_as NAME UID CMD...: CMD as that base user, in its home.
vmd_as() {
  local name=$1 uid=$2; shift 2
  in_sandbox setpriv --reuid "$uid" --regid "$uid" --init-groups \
    env -i PATH=/usr/bin:/bin HOME="$T/home/$name" VMAILMGR_ETC="$VMAILMGR_ETC" LC_ALL=C \
    bash -c 'cd "$HOME" && exec "$@"' vmd_as "$@"
}
base() { vmd_as vmdbase 2941 "$@"; }
other() { vmd_as vmdother 2942 "$@"; }

vmd_world() {
  local p
  for p in vsetup vadduser vaddalias vchattr vadminpasswd vmailmgrd; do
    [ -x "$TOP/$p" ] || fail "$TOP/$p is not built"
  done
  [ -x "$TOOLS/mktable" ] || fail "$TOOLS/mktable is not built"
  need python3
  sandbox_init
  chmod 755 "$T" "$T/home"
  sandbox_user vmdbase 2941 "" vmdmail
  sandbox_user vmdother 2942
  sandbox_password vmdbase "$("$TOOLS/mktable" --hash base-secret)"
  sandbox_password vmdother "$("$TOOLS/mktable" --hash other-system)"
  export VMAILMGR_ETC=$T/vmetc
  mkdir -p "$VMAILMGR_ETC" "$T/qmail/control"
  echo "$T/qmail" > "$VMAILMGR_ETC/qmail-root"
  printf '%s\n' example.test:vmdbase .wild.test:vmdbase other.test:vmdother \
    rootdom.test:root local.test:vmdbase > "$T/qmail/control/virtualdomains"
  printf '%s\n' localhost local.test > "$T/qmail/control/locals"
  chmod -R go+rX "$VMAILMGR_ETC" "$T/qmail"

  base "$TOP/vsetup" --quiet || fail "vsetup"
  for p in joe ann eve dora; do
    printf '%s-secret\n' "$p" | base "$TOP/vadduser" --quiet "$p" || fail "vadduser $p"
  done
  base "$TOP/vaddalias" --quiet sales joe || fail "vaddalias sales"
  base "$TOP/vchattr" --quiet -e 1000 eve || fail "vchattr eve"
  base "$TOP/vchattr" --quiet -E 0 dora || fail "vchattr dora"

  other "$TOP/vsetup" --quiet || fail "vsetup other"
  printf 'boss-secret\n' | other "$TOP/vadduser" --quiet boss || fail "vadduser boss"
  printf 'other-admin\n' | other "$TOP/vadminpasswd" --quiet || fail "vadminpasswd"
}

# vmd_serve_unix [ARGS...]: unixserver on $VMD_SOCKET running vmailmgrd ARGS
# as root in the sandbox (VMD_SERVER: its pid); waits until it accepts. The
# socket is root's alone unless VMD_SOCKET_OPTS gives other unixserver options.
vmd_serve_unix() {
  need unixserver
  rm -f "$VMD_SOCKET"
  local opts
  read -ra opts <<< "${VMD_SOCKET_OPTS:--m 077}"
  "${SANDBOX[@]}" unixserver -q "${opts[@]}" -- "$VMD_SOCKET" "$TOP/vmailmgrd" "$@" \
    </dev/null 2>>"$VMD_LOG" &
  VMD_SERVER=$!
  local i
  for i in $(seq 100); do
    [ -S "$VMD_SOCKET" ] && python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])' "$VMD_SOCKET" 2>/dev/null && { vmd_settle; return 0; }
    kill -0 "$VMD_SERVER" 2>/dev/null || break
    sleep 0.1
  done
  fail "unixserver did not start on $VMD_SOCKET"
}

# vmd_serve_tcp PORT [ARGS...]: the same under tcpserver on 127.0.0.1:PORT.
vmd_serve_tcp() {
  need tcpserver
  local port=$1 i; shift
  "${SANDBOX[@]}" tcpserver -q -H -R 127.0.0.1 "$port" "$TOP/vmailmgrd" "$@" \
    </dev/null 2>>"$VMD_LOG" &
  VMD_SERVER=$!
  for i in $(seq 100); do
    (exec 5<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { vmd_settle; return 0; }
    kill -0 "$VMD_SERVER" 2>/dev/null || break
    sleep 0.1
  done
  fail "tcpserver did not start on port $port"
}

# The probe connection above sent nothing: its log line ("connection closed
# without a request") is waited for and dropped, so the log holds only what
# a test did.
vmd_settle() {
  local i
  for i in $(seq 50); do
    [ -s "$VMD_LOG" ] && break
    sleep 0.05
  done
  : > "$VMD_LOG"
}

# vmd_stop: ends the server and every vmailmgrd it started, by pid.
vmd_stop() {
  [ -n "${VMD_SERVER:-}" ] || return 0
  local kids k i alive
  kids=$(pgrep -P "$VMD_SERVER")
  kill "$VMD_SERVER" 2>/dev/null
  wait "$VMD_SERVER" 2>/dev/null
  [ -n "$kids" ] && kill $kids 2>/dev/null
  for i in $(seq 50); do
    alive=
    for k in $kids; do kill -0 "$k" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  VMD_SERVER=
}

vmc() {
  run python3 "$TOP/python/vmailmgr_client.py" ${VMC_TARGET:---socket "$VMD_SOCKET"} "$@"
}

# log_tail N: the last N lines of the log, after waiting for the line of the
# last request (the server writes it after the reply).
log_wait() {
  local want=$1 i
  for i in $(seq 100); do
    [ "$(wc -l < "$VMD_LOG")" -ge "$want" ] && return 0
    sleep 0.05
  done
  fail "the log has $(wc -l < "$VMD_LOG") lines, expected $want: $(cat "$VMD_LOG")"
}

# login LOGIN PASSWORD: a checkvpw login (classic mode, as root in the
# sandbox, then /bin/true); $rc 0 logged in, 1 refused.
login() {
  printf '%s\0%s\0\0' "$1" "$2" > "$T/req"
  run in_sandbox "$TOP/checkvpw" /bin/true 3<"$T/req"
}
expect_login() { login "$1" "$2"; expect_rc 0 "checkvpw login $1 with $2"; }
expect_no_login() { login "$1" "$2"; expect_rc 1 "checkvpw login $1 with $2"; }

# dump NAME: dumpvuser NAME of example.test, run as its base user ($out).
dump() { run base "$TOP/dumpvuser" "$1"; expect_rc 0 "dumpvuser $1"; }
