# The web pages' world (sourced after tests/lib.sh; not a test itself):
# vmailmgr.cgi under a real lighttpd (mod_cgi) on 127.0.0.1, running as a
# sandbox user (WEB_USER, WEB_UID: vmdweb, 2943 unless set before), talking
# to a real vmailmgrd under unixserver whose socket only root and that
# user's group can use. Used by tests/peers/web/pages.t and make demo.
#   web_need_cgi: fails unless vmailmgr.cgi is built (web_need: and the
#     browser pages.t drives).
#   web_user: adds WEB_USER to the sandbox (after sandbox_init).
#   web_serve_daemon: unixserver on $VMD_SOCKET, mode 0660, group WEB_UID,
#     its log in $VMD_LOG (needs tests/e2e/vmailmgrd/world.sh).
#   web_start: lighttpd on a free port (WEB_PORT, WEB_URL), its logs in
#     $WEB_DIR/log (access.log, error.log); the CGI gets VMAILMGR_ETC.
#   web_stop: lighttpd, by pid (vmd_stop ends the daemon).
# The same program as INSTALL installs it, behind each web server INSTALL
# gives a configuration for (tests/peers/web/servers.t; needs tests/mta.sh
# for install_snippet):
#   web_cgi_install: vmailmgr.cgi as $WEB_DIR/bin/vmailmgr.cgi (<conf-home>
#     is $WEB_DIR).
#   web_snippet N: INSTALL's Nth block of "Web pages: vmailmgr.cgi", with
#     <conf-home> replaced and its commented VMAILMGR_ETC line in force.
#   web_debs DIR PACKAGE... -- BINARY...: unpacks the packages (tests/debs)
#     into DIR; skips the test unless each BINARY (a path under DIR) finds
#     its libraries there or on the host.
#   web_tls_cert: a self-signed certificate for 127.0.0.1 (WEB_CERT,
#     WEB_KEY in $WEB_DIR/tls; curl trusts it with --cacert "$WEB_CERT").
#   apache_start KIND: Apache 2.4 (Debian's apache2-bin, unpacked into
#     $WEB_DIR/apache) with a private configuration around INSTALL's lines,
#     in the foreground as root, its children as WEB_USER, on free ports.
#     KIND is the pair INSTALL names: event (the threaded MPM, mod_cgid) or
#     prefork (mod_cgi). Sets, indexed by KIND: APACHE_URL
#     (http://127.0.0.1:PORT), APACHE_TLS_URL (https://, mod_ssl with
#     WEB_CERT), APACHE_LOGS (access.log, error.log), APACHE_PID.
#     apache_stop KIND ends it.
#   nginx_start: nginx (Debian's, in $WEB_DIR/nginx) around INSTALL's
#     location, its workers as WEB_USER, and fcgiwrap (as WEB_USER, on a
#     socket in $WEB_DIR/nginx/fcgi, with -f as Debian's service starts it):
#     NGINX_URL, NGINX_TLS_URL, NGINX_LOGS, NGINX_PID, FCGIWRAP_PID.
#     nginx_stop ends both.
#   lighttpd_start: lighttpd with INSTALL's lines: LIGHTTPD_URL,
#     LIGHTTPD_LOGS, LIGHTTPD_PID; lighttpd_stop.
WEB_USER=${WEB_USER:-vmdweb}
WEB_UID=${WEB_UID:-2943}
WEB_DIR=$T/www

web_need() {
  [ -x /usr/sbin/lighttpd ] || skip "lighttpd is not installed"
  web_need_cgi
  [ -x /usr/bin/chromium ] || skip "chromium is not installed"
  [ -x /usr/bin/chromedriver ] || skip "chromium-driver is not installed"
  /usr/bin/python3 -c 'import selenium' 2>/dev/null || skip "python3-selenium is not installed"
}
web_need_cgi() {
  [ -x "$TOP/vmailmgr.cgi" ] || fail "$TOP/vmailmgr.cgi is not built"
}

web_user() { sandbox_user "$WEB_USER" "$WEB_UID"; }

web_serve_daemon() {
  VMD_SOCKET_OPTS="-r $WEB_UID -p 0660" vmd_serve_unix
}

web_start() {
  mkdir -p "$WEB_DIR/htdocs" "$WEB_DIR/log"
  cp "$TOP/vmailmgr.cgi" "$WEB_DIR/htdocs/vmailmgr.cgi"
  chown -R "$WEB_UID:$WEB_UID" "$WEB_DIR/log"
  chmod 755 "$WEB_DIR" "$WEB_DIR/htdocs"
  WEB_PORT=$(tcp_port)
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
  web_wait lighttpd "$WEB_PID" "$WEB_PORT" "$WEB_DIR/stdout.log" "$WEB_DIR/log/error.log"
}

# web_wait NAME PID PORT LOG...: waits until the server PID accepts on
# 127.0.0.1:PORT; fails with its logs when it ends or does not in 10 s.
web_wait() {
  local name=$1 pid=$2 port=$3 i; shift 3
  for i in $(seq 100); do
    (exec 5<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$@" >&2 2>/dev/null
  fail "$name did not start"
}

# web_end PID: SIGTERM, then waits for it (a child of this shell).
web_end() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

web_stop() { web_end "${WEB_PID:-}"; WEB_PID=; }

# ---- the web servers of INSTALL (tests/peers/web/servers.t) ----------------

web_cgi_install() {
  mkdir -p "$WEB_DIR/bin"
  cp "$TOP/vmailmgr.cgi" "$WEB_DIR/bin/vmailmgr.cgi"
  chmod 755 "$WEB_DIR" "$WEB_DIR/bin" "$WEB_DIR/bin/vmailmgr.cgi"
}

web_snippet() {
  install_snippet "Web pages: vmailmgr.cgi" "$1" |
    snippet_subst "<conf-home>" "$WEB_DIR" "/etc/vmailmgr" "$VMAILMGR_ETC" |
    sed -E '/VMAILMGR_ETC/s/^([[:space:]]*)# /\1/'
}

# web_libs DIR: the library directory of packages unpacked into DIR.
web_libs() { echo "$1/usr/lib/$(gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)"; }

web_debs() {
  local dir=$1 why missing b pkgs=(); shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do pkgs+=("$1"); shift; done
  shift
  why=$("$TOP/tests/debs" "$dir" "${pkgs[@]}" 2>&1) || skip "$why"
  for b in "$@"; do
    [ -f "$dir/$b" ] || skip "the packages ${pkgs[*]} have no $b"
    missing=$(LD_LIBRARY_PATH=$(web_libs "$dir") ldd "$dir/$b" 2>/dev/null |
      sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')
    [ -z "$missing" ] || skip "$b: libraries missing: $missing"
  done
}

# A server starts as an init system starts it: with none of the test's
# variables, so the CGI gets VMAILMGR_ETC from INSTALL's lines or not at all
# (fcgiwrap even passes its own environment on to the CGI).
web_clean_env() {
  echo env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

web_tls_cert() {
  need openssl
  mkdir -p "$WEB_DIR/tls"
  WEB_CERT=$WEB_DIR/tls/cert.pem WEB_KEY=$WEB_DIR/tls/key.pem
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -addext basicConstraints=critical,CA:FALSE \
    -keyout "$WEB_KEY" -out "$WEB_CERT" >/dev/null 2>&1 || fail "openssl cannot make a certificate"
}

# The modules a CGI needs under Debian's Apache: the MPM and its CGI module
# as INSTALL says (mod_cgid for the threaded event MPM, a2enmod cgid; mod_cgi
# for prefork), env for SetEnv; ssl and its session cache for HTTPS, as
# Debian's a2enmod ssl.
APACHE_MODULES="authz_core alias env socache_shmcb ssl"
declare -A APACHE_KIND=([event]="mpm_event cgid" [prefork]="mpm_prefork cgi")
declare -A APACHE_URL APACHE_TLS_URL APACHE_LOGS APACHE_PID

apache_need() {
  local m mods=()
  for m in $APACHE_MODULES ${APACHE_KIND[event]} ${APACHE_KIND[prefork]}; do
    mods+=("usr/lib/apache2/modules/mod_$m.so")
  done
  web_debs "$WEB_DIR/apache/root" apache2-bin libapr1 libaprutil1 -- usr/sbin/apache2 "${mods[@]}"
}

apache_start() {
  local kind=$1 dir=$WEB_DIR/apache/$1 m snippet port tls_port
  local root=$WEB_DIR/apache/root
  [ -n "${APACHE_KIND[$kind]:-}" ] || fail "apache_start: no such kind '$kind'"
  snippet=$(web_snippet 2) || exit 1
  grep -q '^ScriptAlias /mail-admin ' <<<"$snippet" || fail "INSTALL's second web block is not Apache's: $snippet"
  mkdir -p "$dir/log" "$dir/run"
  port=$(tcp_port)
  tls_port=$(tcp_port)
  while [ "$tls_port" = "$port" ]; do tls_port=$(tcp_port); done
  APACHE_URL[$kind]=http://127.0.0.1:$port
  APACHE_TLS_URL[$kind]=https://127.0.0.1:$tls_port
  APACHE_LOGS[$kind]=$dir/log
  {
    cat <<CONF
ServerRoot $dir
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $dir/run/apache2.pid
DefaultRuntimeDir $dir/run
Mutex file:$dir/run default
ErrorLog $dir/log/error.log
LogFormat "%h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" combined
CustomLog $dir/log/access.log combined
User $WEB_USER
Group $WEB_USER
CONF
    for m in ${APACHE_KIND[$kind]} $APACHE_MODULES; do
      echo "LoadModule ${m}_module $root/usr/lib/apache2/modules/mod_$m.so"
    done
    [ "$kind" = event ] && echo "ScriptSock $dir/run/cgisock"
    # Debian's apache2.conf: no part of the file system is served unless
    # a section allows it (INSTALL's Require all granted must do that).
    cat <<CONF
<Directory />
	Options FollowSymLinks
	AllowOverride None
	Require all denied
</Directory>
$snippet
Listen 127.0.0.1:$tls_port
SSLSessionCache shmcb:$dir/run/ssl_scache(512000)
<VirtualHost 127.0.0.1:$tls_port>
	ServerName 127.0.0.1
	SSLEngine on
	SSLCertificateFile $WEB_CERT
	SSLCertificateKeyFile $WEB_KEY
</VirtualHost>
CONF
  } > "$dir/apache2.conf"
  # A process group of its own (setsid, which execs without forking here:
  # the job is not a group leader): prefork's parent ends its children
  # with a SIGTERM to its whole group, which would otherwise be the test's.
  "${SANDBOX[@]}" $(web_clean_env) LD_LIBRARY_PATH="$(web_libs "$root")" setsid "$root/usr/sbin/apache2" \
    -d "$dir" -f "$dir/apache2.conf" -DFOREGROUND </dev/null >>"$dir/log/stdout.log" 2>&1 &
  APACHE_PID[$kind]=$!
  web_wait "Apache ($kind)" "${APACHE_PID[$kind]}" "$port" "$dir/log/stdout.log" "$dir/log/error.log"
}

apache_stop() { web_end "${APACHE_PID[$1]:-}"; APACHE_PID[$1]=; }

nginx_need() {
  web_debs "$WEB_DIR/nginx/root" nginx nginx-common fcgiwrap libfcgi0ldbl -- \
    usr/sbin/nginx usr/sbin/fcgiwrap
  [ -f "$WEB_DIR/nginx/root/etc/nginx/fastcgi_params" ] || skip "nginx-common has no fastcgi_params"
}

nginx_start() {
  local dir=$WEB_DIR/nginx snippet i
  local root=$dir/root sock=$dir/fcgi/fcgiwrap.socket
  snippet=$(web_snippet 4 | snippet_subst "unix:/run/fcgiwrap.socket" "unix:$sock") || exit 1
  grep -q '^location = /mail-admin ' <<<"$snippet" || fail "INSTALL's fourth web block is not nginx's: $snippet"
  mkdir -p "$dir/log" "$dir/run" "$dir/tmp" "$dir/fcgi" "$dir/htdocs"
  chown "$WEB_UID:$WEB_UID" "$dir/fcgi"
  # as Debian's fcgiwrap.service runs it: the web server's user, -f (the
  # CGI's standard error goes to nginx's error log)
  "${SANDBOX[@]}" setpriv --reuid "$WEB_UID" --regid "$WEB_UID" --init-groups \
    $(web_clean_env) LD_LIBRARY_PATH="$(web_libs "$root")" "$root/usr/sbin/fcgiwrap" -f -s "unix:$sock" \
    </dev/null >>"$dir/log/fcgiwrap.log" 2>&1 &
  FCGIWRAP_PID=$!
  for i in $(seq 100); do
    [ -S "$sock" ] && break
    kill -0 "$FCGIWRAP_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -S "$sock" ] || fail "fcgiwrap did not start: $(cat "$dir/log/fcgiwrap.log")"
  NGINX_PORT=$(tcp_port)
  NGINX_URL=http://127.0.0.1:$NGINX_PORT
  NGINX_TLS_PORT=$(tcp_port)
  while [ "$NGINX_TLS_PORT" = "$NGINX_PORT" ]; do NGINX_TLS_PORT=$(tcp_port); done
  NGINX_TLS_URL=https://127.0.0.1:$NGINX_TLS_PORT
  NGINX_LOGS=$dir/log
  # beside Debian's fastcgi_params, which INSTALL's lines include
  cat > "$root/etc/nginx/vmailmgr-test.conf" <<CONF
user $WEB_USER;
worker_processes 1;
daemon off;
pid $dir/run/nginx.pid;
error_log $dir/log/error.log;
events { worker_connections 64; }
http {
    access_log $dir/log/access.log;
    client_body_temp_path $dir/tmp/body;
    fastcgi_temp_path $dir/tmp/fastcgi;
    proxy_temp_path $dir/tmp/proxy;
    scgi_temp_path $dir/tmp/scgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        listen 127.0.0.1:$NGINX_TLS_PORT ssl;
        ssl_certificate $WEB_CERT;
        ssl_certificate_key $WEB_KEY;
        root $dir/htdocs;
$snippet
    }
}
CONF
  "${SANDBOX[@]}" $(web_clean_env) "$root/usr/sbin/nginx" -p "$dir/" -c "$root/etc/nginx/vmailmgr-test.conf" \
    </dev/null >>"$dir/log/stdout.log" 2>&1 &
  NGINX_PID=$!
  web_wait nginx "$NGINX_PID" "$NGINX_PORT" "$dir/log/stdout.log" "$dir/log/error.log"
}

nginx_stop() {
  web_end "${NGINX_PID:-}"; NGINX_PID=
  web_end "${FCGIWRAP_PID:-}"; FCGIWRAP_PID=
}

lighttpd_start() {
  local dir=$WEB_DIR/lighttpd snippet
  snippet=$(web_snippet 3) || exit 1
  grep -q '^server.modules += ("mod_cgi"' <<<"$snippet" || fail "INSTALL's third web block is not lighttpd's: $snippet"
  mkdir -p "$dir/log" "$dir/htdocs"
  chown "$WEB_UID:$WEB_UID" "$dir/log"
  LIGHTTPD_PORT=$(tcp_port)
  LIGHTTPD_URL=http://127.0.0.1:$LIGHTTPD_PORT
  LIGHTTPD_LOGS=$dir/log
  # Debian's lighttpd.conf modules, then INSTALL's lines
  cat > "$dir/lighttpd.conf" <<CONF
server.modules = ("mod_indexfile", "mod_access", "mod_alias", "mod_redirect", "mod_accesslog")
server.bind = "127.0.0.1"
server.port = $LIGHTTPD_PORT
server.document-root = "$dir/htdocs"
server.username = "$WEB_USER"
server.groupname = "$WEB_USER"
server.errorlog = "$dir/log/error.log"
accesslog.filename = "$dir/log/access.log"
$snippet
CONF
  "${SANDBOX[@]}" $(web_clean_env) /usr/sbin/lighttpd -D -f "$dir/lighttpd.conf" </dev/null >>"$dir/log/stdout.log" 2>&1 &
  LIGHTTPD_PID=$!
  web_wait lighttpd "$LIGHTTPD_PID" "$LIGHTTPD_PORT" "$dir/log/stdout.log" "$dir/log/error.log"
}

lighttpd_stop() { web_end "${LIGHTTPD_PID:-}"; LIGHTTPD_PID=; }
