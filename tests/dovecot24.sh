# A private Dovecot 2.4 for tests (sourced after tests/lib.sh and
# tests/dovecot.sh, whose dovecot_start, dovecot_stop and dovecot_log it
# shares). Debian 12 has only 2.3: 2.4.4 is built from the source the shared
# peers folder holds, once per machine, into a prefix under /var/tmp.
#
# dovecot24_need: skips the test (exit 77) unless Dovecot 2.4 is there or can
#   be built: DOVECOT24_PREFIX (default /var/tmp/dovecot-2.4.4) already holds
#   the build, or the build script (DOVECOT24_SRC, default
#   $TOP/../shared/peers/dovecot-2.4) makes it there (about 3 minutes, the
#   first time only; it installs its build packages, so root only). Never
#   fails for a missing source or a failed build: it skips. Sets
#   DOVECOT_BIN and DOVEADM24 for the 2.4 binaries.
# dovecot24_config DIR LUAFILE [CONFIG-LINE...]
#   Writes DIR/dovecot.conf in 2.4's dialect: POP3 and IMAP on 127.0.0.1
#   (free ports, as dovecot_config), passdb lua with vmailmgr's Lua glue,
#   userdb prefetch, then userdb lua for lookups without a login, the
#   Maildir++ quota plugin (quota "User" with driver maildir), VMAILMGR_ETC
#   and DOVECOT_IMPORT_ENV imported. CONFIG-LINEs are appended as they are.

dovecot24_need() {
  DOVECOT24_PREFIX=${DOVECOT24_PREFIX:-/var/tmp/dovecot-2.4.4}
  DOVECOT24_SRC=${DOVECOT24_SRC:-$TOP/../shared/peers/dovecot-2.4}
  getent passwd dovecot >/dev/null && getent passwd dovenull >/dev/null ||
    skip "the dovecot and dovenull users are missing"
  if ! "$DOVECOT24_PREFIX/sbin/dovecot" --version 2>/dev/null | grep -q '^2\.4\.'; then
    [ -x "$DOVECOT24_SRC/build" ] || skip "no Dovecot 2.4 in $DOVECOT24_PREFIX and no source in $DOVECOT24_SRC"
    [ "$(id -u)" = 0 ] || skip "building Dovecot 2.4 needs root (build packages)"
    echo "building Dovecot 2.4 into $DOVECOT24_PREFIX (once; about 3 minutes)" >&2
    "$DOVECOT24_SRC/build" --install-deps "$DOVECOT24_PREFIX" >"$T/dovecot24-build.log" 2>&1 ||
      skip "Dovecot 2.4 did not build: $(tail -n 3 "$T/dovecot24-build.log" | tr '\n' ' ')"
  fi
  DOVECOT_BIN=$DOVECOT24_PREFIX/sbin/dovecot
  DOVEADM24=$DOVECOT24_PREFIX/bin/doveadm
  export DOVECOT_BIN DOVEADM24
}

dovecot24_config() {
  local dir=$1 lua=$2
  shift 2
  dovecot_ports "$dir"
  local import
  # 2.4 takes NAME = value lines (TZ, bare in 2.3's list, is in 2.4's default)
  import=$(dovecot_imports $'\n' | sed -nE 's/^([^=]+)=(.*)$/  \1 = \2/p')
  {
    cat <<EOF
dovecot_config_version = 2.4.4
dovecot_storage_version = 2.4.4
# Written by tests/dovecot24.sh for one test; nothing here touches /etc.
protocols = pop3 imap
# 2.4 has no per-listener address: everything listens on the loopback only.
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
ssl = no
auth_allow_cleartext = yes
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
auth_internal_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
import_environment {
$import
}
passdb lua {
  lua_file = $lua
}
userdb prefetch {
}
userdb lua {
  lua_file = $lua
}
mail_plugins {
  quota = yes
}
quota User {
  driver = maildir
}
service pop3-login {
  inet_listener pop3 {
    port = $DOVECOT_POP3_PORT
  }
}
service imap-login {
  inet_listener imap {
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
