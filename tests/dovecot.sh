# A private Dovecot 2.3 for tests (sourced after tests/lib.sh). Everything
# lives in one directory of $T; it listens on 127.0.0.1 only, on free high
# ports, and authenticates through checkvpw. Typical use, as root:
#   source "$TOP/tests/dovecot.sh"
#   dovecot_need
#   dovecot_config "$T/dovecot" "$TOP/checkvpw" prefetch
#   dovecot_start in_sandbox          # private users: run it in the sandbox
#   trap dovecot_stop EXIT
#   curl --user joe@example.test:secret "pop3://127.0.0.1:$DOVECOT_POP3_PORT/1"
#
# dovecot_need: skips the test (exit 77) unless dovecot, pop3 and imap are installed.
# dovecot_config DIR CHECKVPW [USERDB [CONFIG-LINE...]]
#   Writes DIR/dovecot.conf. USERDB: prefetch (default: the userdb fields come
#   with the passdb answer) or checkpassword (a second checkvpw call with
#   AUTHORIZED=1). CONFIG-LINEs are appended as they are. Picks two free ports:
#   DOVECOT_POP3_PORT and DOVECOT_IMAP_PORT. VMAILMGR_ETC (when set) and the
#   names in DOVECOT_IMPORT_ENV reach checkvpw (Dovecot clears the environment).
#   service auth runs as root so checkvpw can read tables in 0750 homes.
# dovecot_lua_config DIR LUAFILE [CONFIG-LINE...]
#   The same Dovecot 2.3 with vmailmgr's Lua glue instead of checkvpw: passdb
#   lua (blocking, in the auth workers, which run as root), userdb prefetch
#   for logins, then userdb lua for lookups without one (doveadm user).
#   dovecot_need_lua skips the test unless dovecot-auth-lua is installed.
# dovecot_start [RUNNER...]: runs "RUNNER... $DOVECOT_BIN -F -c DIR/dovecot.conf"
#   (DOVECOT_BIN: /usr/sbin/dovecot unless set; tests/dovecot24.sh sets it)
#   in the background (RUNNER may be in_sandbox), sets DOVECOT_PID to the
#   master's own pid (written by the inner shell that execs Dovecot) and waits
#   until both ports answer.
# dovecot_stop: stops the master by pid (SIGTERM, then waits); safe to repeat.
# dovecot_log: prints the log (for failure messages).

dovecot_need() {
  [ -x /usr/sbin/dovecot ] || skip "dovecot-core is not installed"
  [ -x /usr/lib/dovecot/pop3 ] || skip "dovecot-pop3d is not installed"
  [ -x /usr/lib/dovecot/imap ] || skip "dovecot-imapd is not installed"
  [ -x /usr/lib/dovecot/checkpassword-reply ] || skip "dovecot's checkpassword-reply is missing"
  getent passwd dovecot >/dev/null && getent passwd dovenull >/dev/null ||
    skip "the dovecot and dovenull users are missing"
}

dovecot_need_lua() {
  dovecot_need
  [ -e /usr/lib/dovecot/modules/auth/libauthdb_lua.so ] || skip "dovecot-auth-lua is not installed"
}

# dovecot_ports DIR: DOVECOT_DIR, two free ports, DIR made (for the writers).
dovecot_ports() {
  DOVECOT_DIR=$1
  DOVECOT_POP3_PORT=$(tcp_port)
  DOVECOT_IMAP_PORT=$(tcp_port)
  while [ "$DOVECOT_IMAP_PORT" = "$DOVECOT_POP3_PORT" ]; do DOVECOT_IMAP_PORT=$(tcp_port); done
  mkdir -p "$1"
  chmod 755 "$1"
  export DOVECOT_DIR DOVECOT_POP3_PORT DOVECOT_IMAP_PORT
}

# dovecot_imports SEP: "TZ", VMAILMGR_ETC and the DOVECOT_IMPORT_ENV names
# as NAME=value words separated by SEP.
dovecot_imports() {
  local import="TZ" name
  [ -n "${VMAILMGR_ETC:-}" ] && import="$import$1VMAILMGR_ETC=$VMAILMGR_ETC"
  for name in ${DOVECOT_IMPORT_ENV:-}; do import="$import$1$name=${!name-}"; done
  printf '%s' "$import"
}

dovecot_config() {
  local dir=$1 checkvpw=$2 userdb=${3:-prefetch}
  shift; shift; [ $# -gt 0 ] && shift
  local userdb_block
  case $userdb in
    prefetch) userdb_block="userdb {
  driver = prefetch
}" ;;
    checkpassword) userdb_block="userdb {
  driver = checkpassword
  args = $checkvpw
}" ;;
    *) fail "dovecot_config: unknown userdb '$userdb'" ;;
  esac
  dovecot_write_config "$dir" "passdb {
  driver = checkpassword
  args = $checkvpw
}
$userdb_block
# checkvpw reads ~base/passwd.cdb (0600 in a 0750 home): the auth process,
# which runs it, must be root. checkvpw itself never changes its uid here.
service auth {
  user = root
}" "$@"
}

dovecot_lua_config() {
  local dir=$1 lua=$2
  shift 2
  dovecot_write_config "$dir" "passdb {
  driver = lua
  args = file=$lua blocking=yes
}
userdb {
  driver = prefetch
}
userdb {
  driver = lua
  args = file=$lua blocking=yes
}" "$@"
}

# dovecot_write_config DIR AUTH-BLOCKS [CONFIG-LINE...]: the 2.3 file.
dovecot_write_config() {
  local dir=$1 auth=$2
  shift 2
  dovecot_ports "$dir"
  local import
  import=$(dovecot_imports " ")
  {
    cat <<EOF
# Written by tests/dovecot.sh for one test; nothing here touches /etc/dovecot.
protocols = pop3 imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
import_environment = $import
pop3_uidl_format = %08Xu%08Xv
$auth
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $DOVECOT_POP3_PORT
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $DOVECOT_IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
# No growing delay after failed logins from 127.0.0.1 (tests fail on purpose).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
# Mail processes run as the base users, not in the dovecot group.
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
EOF
    local line
    for line in "$@"; do echo "$line"; done
  } > "$dir/dovecot.conf"
}

dovecot_port_open() {
  (exec 5<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

dovecot_start() {
  [ -n "${DOVECOT_DIR:-}" ] || fail "dovecot_start: run dovecot_config first"
  local pidfile=$DOVECOT_DIR/master.pid.test
  rm -f "$pidfile"
  # The runner may be a shell function (in_sandbox), which bash runs in a
  # forked subshell: $! would be that subshell. The inner shell writes its
  # own pid, which exec makes Dovecot's master pid.
  "$@" bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
    "${DOVECOT_BIN:-/usr/sbin/dovecot}" -F -c "$DOVECOT_DIR/dovecot.conf" >>"$DOVECOT_DIR/stdout.log" 2>&1 &
  DOVECOT_RUNNER_PID=$!
  DOVECOT_PID=
  local i
  for i in $(seq 100); do
    [ -z "$DOVECOT_PID" ] && [ -s "$pidfile" ] && DOVECOT_PID=$(cat "$pidfile")
    if [ -n "$DOVECOT_PID" ] && dovecot_port_open "$DOVECOT_POP3_PORT" &&
        dovecot_port_open "$DOVECOT_IMAP_PORT"; then
      return 0
    fi
    kill -0 "$DOVECOT_RUNNER_PID" 2>/dev/null || break
    sleep 0.1
  done
  dovecot_log >&2
  dovecot_stop
  fail "dovecot did not start"
}

dovecot_stop() {
  if [ -n "${DOVECOT_PID:-}" ]; then
    kill "$DOVECOT_PID" 2>/dev/null
    local i
    for i in $(seq 100); do kill -0 "$DOVECOT_PID" 2>/dev/null || break; sleep 0.1; done
    DOVECOT_PID=
  fi
  if [ -n "${DOVECOT_RUNNER_PID:-}" ]; then
    wait "$DOVECOT_RUNNER_PID" 2>/dev/null
    DOVECOT_RUNNER_PID=
  fi
}

dovecot_log() {
  cat "$DOVECOT_DIR/stdout.log" "$DOVECOT_DIR/dovecot.log" 2>/dev/null
}
