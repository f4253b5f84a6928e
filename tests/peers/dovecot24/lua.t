# Real Dovecot 2.4.4 (built from ../shared/peers/dovecot-2.4, see
# tests/dovecot24.sh; skipped where it is not there) with vmailmgr's Lua
# glue: passdb lua + userdb prefetch, userdb lua for doveadm user. The same
# checks as the 2.3 test (tests/dovecot_lua.sh), in 2.4's field names.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
source "$TOP/tests/dovecot24.sh"
source "$TOP/tests/dovecot_lua.sh"
need curl
need python3
sandbox_init
dovecot24_need
[ -f "$TOP/dovecotvpw.lua" ] && [ -x "$TOP/dovecotvpw" ] || fail "dovecotvpw.lua or dovecotvpw is not built"
world_init
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"
dovecot24_config "$T/dovecot" "$TOP/dovecotvpw.lua"
dovecot_start in_sandbox
trap dovecot_stop EXIT
lua_checks "$DOVEADM24" mail_path "$BASE_HOME/users/joe" quota_storage_size 5000000
lua_hang_checks
dovecot_stop
exit 0
