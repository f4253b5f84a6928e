# Real Dovecot 2.3 (Debian 12, dovecot-auth-lua) with vmailmgr's Lua glue:
# passdb lua + userdb prefetch for logins, userdb lua for doveadm user.
# POP3 and IMAP logins, mail delivered by vdeliver read back byte for byte,
# mail processes as the base user, refusals, a legacy hash rehashed,
# doveadm user fields, doveadm auth test (tests/dovecot_lua.sh).
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
source "$TOP/tests/dovecot_lua.sh"
need curl
need python3
dovecot_need_lua
[ -f "$TOP/dovecotvpw.lua" ] && [ -x "$TOP/dovecotvpw" ] || fail "dovecotvpw.lua or dovecotvpw is not built"
world_init
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"  # Dovecot gives req.local_ip only
dovecot_lua_config "$T/dovecot" "$TOP/dovecotvpw.lua" \
  'mail_plugins = $mail_plugins quota' 'plugin {' '  quota = maildir:User quota' '}'
dovecot_start in_sandbox
trap dovecot_stop EXIT
lua_checks doveadm mail "maildir:$BASE_HOME/users/joe" quota_rule '*:storage=5000000B:messages=500'
lua_hang_checks
dovecot_stop
exit 0
