# Shared by the vadddomain and vdeldomain tests (sourced after tests/lib.sh;
# not a test itself). host_init builds a private mail host in the sandbox:
#   users   exbase 2950 (an existing user with home $T/home/exbase), and the
#           whole of /etc private (sandbox_whole_etc): useradd and userdel
#           run for real and change only $T/etc-all
#   config  $VMAILMGR_ETC=$T/vmetc: qmail-root $T/qmail, domains-home $T/domains,
#           qmail-send-services $T/service/qmail-send
#   qmail   control/virtualdomains (old.test:olduser and a comment),
#           control/rcpthosts (localhost, old.test), control/locals
#           (localhost), queue/ — the layout of a real /var/qmail
#   bin     $T/bin/svc: a fake svc(8) that appends its arguments to
#           $T/svc.log and exits $SVC_EXIT (default 0); $T/bin/qmail-send: a
#           fake qmail-send that works in the directory it is given and
#           appends "hup" to a file on each SIGHUP
# vd PROG ARG...: runs one of our programs as root in the sandbox, PATH
#   $T/bin first (run: $out $err $rc).
# start_qmail_send DIR MARKS: starts a fake qmail-send in DIR; QS_PIDS gets its pid.
# stop_qmail_sends: stops them all by pid.
# hups MARKS: how many SIGHUPs that fake has seen (waits up to 5 s for one).

host_init() {
  sandbox_init
  chmod 755 "$T" "$T/home"
  sandbox_user exbase 2950
  sandbox_whole_etc
  export VMAILMGR_ETC=$T/vmetc
  mkdir -p "$VMAILMGR_ETC" "$T/qmail/control" "$T/qmail/queue" "$T/bin" "$T/service/qmail-send"
  echo "$T/qmail" > "$VMAILMGR_ETC/qmail-root"
  echo "$T/domains" > "$VMAILMGR_ETC/domains-home"
  echo "$T/service/qmail-send" > "$VMAILMGR_ETC/qmail-send-services"
  printf '# virtual domains\nold.test:olduser\n' > "$T/qmail/control/virtualdomains"
  printf 'localhost\nold.test\n' > "$T/qmail/control/rcpthosts"
  echo localhost > "$T/qmail/control/locals"
  chmod 644 "$T/qmail/control/"*
  cat > "$T/bin/svc" <<'SVC'
#!/bin/bash
echo "$*" >> "$T/svc.log"
exit "${SVC_EXIT:-0}"
SVC
  cat > "$T/bin/qmail-send" <<'QS'
#!/bin/bash
# The trap first, then the readiness mark: a SIGHUP before the trap would
# end the fake (bash's default) and count as none.
trap 'echo hup >> "$2"' HUP
cd "$1" || exit 111
: > "$2.ready"
while :; do sleep 0.05; done
QS
  chmod 755 "$T/bin/svc" "$T/bin/qmail-send"
  QS_PIDS=()
  for p in vadddomain vdeldomain vsetup; do [ -x "$TOP/$p" ] || fail "$TOP/$p is not built"; done
}

vd() {
  local p=$1; shift
  run in_sandbox env PATH="$T/bin:/usr/sbin:/usr/bin:/sbin:/bin" T="$T" "$TOP/$p" "$@"
}

start_qmail_send() {
  # SIGHUP back to its default first: bash cannot trap a signal ignored when
  # it starts, as it is for everything under nohup.
  env --default-signal=HUP "$T/bin/qmail-send" "$1" "$2" &
  QS_PIDS+=($!)
  local i
  for i in $(seq 200); do
    [ -e "$2.ready" ] && return 0
    sleep 0.05
  done
  fail "the fake qmail-send did not start"
}

stop_qmail_sends() {
  local pid
  for pid in "${QS_PIDS[@]+"${QS_PIDS[@]}"}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  QS_PIDS=()
}

hups() {
  local i
  for i in $(seq 100); do [ -s "$1" ] && break; sleep 0.05; done
  sleep 0.2  # a second, unwanted one would show up by now
  [ -f "$1" ] && grep -c hup "$1" || echo 0
}

# The passwd line of NAME in the sandbox's user database.
passwd_line() { grep "^$1:" "$T/etc-all/passwd"; }
