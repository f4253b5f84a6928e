# The web pages' world (sourced after tests/lib.sh; not a test itself):
# vmailmgr.cgi under a real lighttpd (mod_cgi) on 127.0.0.1, running as a
# sandbox user (WEB_USER, WEB_UID: vmdweb, 2943 unless set before), talking
# to a real vmailmgrd under unixserver whose socket only root and that
# user's group can use. Used by tests/peers/web/pages.t and make demo.
#   web_user: adds WEB_USER to the sandbox (after sandbox_init).
#   web_serve_daemon: unixserver on $VMD_SOCKET, mode 0660, group WEB_UID,
#     its log in $VMD_LOG (needs tests/e2e/vmailmgrd/world.sh).
#   web_start: lighttpd on a free port (WEB_PORT, WEB_URL), its logs in
#     $WEB_DIR/log (access.log, error.log); the CGI gets VMAILMGR_ETC.
#   web_stop: lighttpd, by pid (vmd_stop ends the daemon).
WEB_USER=${WEB_USER:-vmdweb}
WEB_UID=${WEB_UID:-2943}
WEB_DIR=$T/www

web_need() {
  [ -x /usr/sbin/lighttpd ] || skip "lighttpd is not installed"
  [ -x /usr/bin/chromium ] || skip "chromium is not installed"
  [ -x /usr/bin/chromedriver ] || skip "chromium-driver is not installed"
  /usr/bin/python3 -c 'import selenium' 2>/dev/null || skip "python3-selenium is not installed"
  [ -x "$TOP/vmailmgr.cgi" ] || fail "$TOP/vmailmgr.cgi is not built"
}

web_user() { sandbox_user "$WEB_USER" "$WEB_UID"; }

web_serve_daemon() {
  need unixserver
  rm -f "$VMD_SOCKET"
  "${SANDBOX[@]}" unixserver -q -r "$WEB_UID" -p 0660 -- "$VMD_SOCKET" "$TOP/vmailmgrd" \
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

web_start() {
  mkdir -p "$WEB_DIR/htdocs" "$WEB_DIR/log"
  cp "$TOP/vmailmgr.cgi" "$WEB_DIR/htdocs/vmailmgr.cgi"
  chown -R "$WEB_UID:$WEB_UID" "$WEB_DIR/log"
  chmod 755 "$WEB_DIR" "$WEB_DIR/htdocs"
  WEB_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  WEB_URL=http://127.0.0.1:$WEB_PORT/vmailmgr.cgi
  cat > "$WEB_DIR/lighttpd.conf" <<CONF
server.modules = ("mod_setenv", "mod_cgi", "mod_accesslog")
server.bind = "127.0.0.1"
server.port = $WEB_PORT
server.document-root = "$WEB_DIR/htdocs"
server.username = "$WEB_USER"
server.groupname = "$WEB_USER"
server.errorlog = "$WEB_DIR/log/error.log"
accesslog.filename = "$WEB_DIR/log/access.log"
cgi.assign = (".cgi" => "")
setenv.add-environment = ("VMAILMGR_ETC" => "$VMAILMGR_ETC")
CONF
  "${SANDBOX[@]}" /usr/sbin/lighttpd -D -f "$WEB_DIR/lighttpd.conf" </dev/null >>"$WEB_DIR/stdout.log" 2>&1 &
  WEB_PID=$!
  local i
  for i in $(seq 100); do
    (exec 5<>"/dev/tcp/127.0.0.1/$WEB_PORT") 2>/dev/null && return 0
    kill -0 "$WEB_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WEB_DIR/stdout.log" "$WEB_DIR/log/error.log" >&2 2>/dev/null
  fail "lighttpd did not start"
}

web_stop() {
  if [ -n "${WEB_PID:-}" ]; then
    kill "$WEB_PID" 2>/dev/null
    wait "$WEB_PID" 2>/dev/null
    WEB_PID=
  fi
}
