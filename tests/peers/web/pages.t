# The web pages in a real browser (issue 16, SPEC §18): headless Chromium
# driven by Selenium through a real lighttpd (mod_cgi) running
# vmailmgr.cgi as an unprivileged user, against a real vmailmgrd; every
# change is checked afterwards with the shell tools, checkvpw and a POP3
# login through Dovecot. The checks themselves are in browser.py; the
# screenshots go to obj/tests/web-screenshots/.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
source "$TOP/tests/dovecot.sh"
source "$TOP/tests/peers/web/web.sh"
web_need
dovecot_need
vmd_world
web_user
printf '%s\n' 600 > "$VMAILMGR_ETC/session-idle"
printf '%s\n' "$VMD_SOCKET" > "$VMAILMGR_ETC/socket-file"
chmod 644 "$VMAILMGR_ETC/session-idle" "$VMAILMGR_ETC/socket-file"
base "$TOP/vchattr" --quiet -p '<script>alert("ann")</script> Ann' ann || fail "vchattr ann"
dovecot_config "$T/dovecot" "$TOP/checkvpw" prefetch
dovecot_start in_sandbox
cleanup() { web_stop; vmd_stop; dovecot_stop; }
trap cleanup EXIT
web_serve_daemon
web_start
shots=$TOP/obj/tests/web-screenshots
mkdir -p "$shots"
run env T="$T" TOP="$TOP" VMAILMGR_ETC="$VMAILMGR_ETC" WEB_URL="$WEB_URL" \
  WEB_LOGS="$WEB_DIR/log" VMD_LOG="$VMD_LOG" VMD_SOCKET="$VMD_SOCKET" \
  POP3_PORT="$DOVECOT_POP3_PORT" SHOTS="$shots" \
  /usr/bin/python3 "$TOP/tests/peers/web/browser.py"
[ "$rc" = 0 ] || fail "browser checks failed (exit $rc):
$out
$err
--- lighttpd error.log:
$(cat "$WEB_DIR/log/error.log" 2>/dev/null | tail -20)
--- vmailmgrd log:
$(tail -20 "$VMD_LOG")"
echo "$out"
