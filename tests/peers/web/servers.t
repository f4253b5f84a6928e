# vmailmgr.cgi behind each web server SPEC §18 names, configured with
# exactly the lines INSTALL gives ("Web pages: vmailmgr.cgi"): Apache 2.4
# (mod_cgid with the event MPM, and mod_cgi with prefork; Debian's
# apache2-bin), nginx + fcgiwrap (Debian's, with its
# fastcgi_params) and lighttpd (mod_cgi + mod_alias), each running it as the
# sandbox's web user against one real vmailmgrd. Apache and nginx are
# unpacked from their .debs (tests/debs), never installed. The same curl
# client runs the same checks against each: what differs between servers
# is the CGI environment they make (SCRIPT_NAME, HTTP_HOST, the body), so
# every link, redirect and cookie is checked exactly; Apache and nginx also
# over HTTPS (mod_ssl; listen ssl), where the cookie must be Secure. The
# browser flows are tests/peers/web/pages.t's.
source "$TOP/tests/lib.sh"
source "$TOP/tests/mta.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
source "$TOP/tests/peers/web/web.sh"
need curl
[ -x /usr/sbin/lighttpd ] || skip "lighttpd is not installed"
web_need_cgi
vmd_world
web_user
apache_need
nginx_need
printf '%s\n' "$VMD_SOCKET" > "$VMAILMGR_ETC/socket-file"
chmod 644 "$VMAILMGR_ETC/socket-file"
web_cgi_install
web_tls_cert
cleanup() { apache_stop event; apache_stop prefork; nginx_stop; lighttpd_stop; vmd_stop; }
trap cleanup EXIT
web_serve_daemon
apache_start event
apache_start prefork
nginx_start
lighttpd_start

DOMAIN=example.test
ADMIN_PASSWORD=base-secret     # example.test has no admin-password file
WRONG_PASSWORD=Srv-Wrong-1
PASSWORDS=("$ADMIN_PASSWORD" "$WRONG_PASSWORD")

# ---- the client: one request at a time, as a browser would send it --------
# Bodies and the cookie go to curl in files (mode 0600), never on its
# command line. Each answer: $status, $T/resp.head (header lines, CR
# removed), $T/resp.body. A Set-Cookie of the session replaces $token, as
# a browser's cookie jar would.

# urlencode TEXT: application/x-www-form-urlencoded.
urlencode() {
  local LC_ALL=C s=$1 i c
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9.~_-]) printf '%s' "$c" ;;
      ' ') printf '+' ;;
      *) printf '%%%02X' "'$c" ;;
    esac
  done
}

# form NAME=VALUE...: the body of a form post.
form() {
  local sep= kv
  for kv in "$@"; do
    printf '%s%s=%s' "$sep" "$(urlencode "${kv%%=*}")" "$(urlencode "${kv#*=}")"
    sep='&'
  done
}

# http GET QUERY | http POST BODY: to $URL/mail-admin, with the cookie
# $token if set and, on a post, the Origin header a browser sends.
http() {
  local method=$1 arg=$2 url=$URL/mail-admin
  local args=(-sS --max-time 20 -o "$T/resp.body" -D "$T/resp.raw" -w '%{http_code}' -H @"$T/req.head"
              --cacert "$WEB_CERT")
  ( umask 077
    : > "$T/req.head"
    [ -n "$token" ] && printf 'Cookie: vmailmgr_session=%s\n' "$token" >> "$T/req.head"
    if [ "$method" = POST ]; then
      printf 'Origin: %s\n' "$URL" >> "$T/req.head"
      printf '%s' "$arg" > "$T/req.body"
    fi )
  if [ "$method" = POST ]; then
    args+=(-H "Content-Type: application/x-www-form-urlencoded" --data-binary @"$T/req.body")
  elif [ -n "$arg" ]; then
    url+="?$arg"
  fi
  status=$(curl "${args[@]}" "$url") || fail "$name: curl $method $url failed"
  tr -d '\r' < "$T/resp.raw" > "$T/resp.head"
  [ "$method" = POST ] && POSTS[$name]=$((${POSTS[$name]:-0} + 1))
  local c
  c=$(header Set-Cookie)
  if [ -n "$c" ]; then
    case $c in
      *"; Max-Age=0") token= ;;
      *) token=${c#vmailmgr_session=}; token=${token%%;*} ;;
    esac
  fi
}

# header NAME: the value of the response's header NAME (empty when absent).
header() {
  sed -n "s/^$1: //Ip" "$T/resp.head" | head -n 1
}

expect_status() {
  [ "$status" = "$1" ] || fail "$name: $2: status $status, expected $1
$(cat "$T/resp.head")
$(sed -n 's/.*<p[^>]*>\(.*\)<\/p>.*/\1/p' "$T/resp.body" | head -n 5)"
}
expect_body() {
  grep -qF -- "$1" "$T/resp.body" || fail "$name: $2: the page lacks [$1]:
$(cat "$T/resp.body")"
}
expect_header() {
  [ "$(header "$1")" = "$2" ] || fail "$name: $3: $1 is [$(header "$1")], expected [$2]
$(cat "$T/resp.head")"
}

# csrf_of ACTION: the anti-CSRF field of the page's form for ACTION.
csrf_of() {
  awk -v want="value=\"$1\">" '
    index($0, "name=\"action\" " want) { hit = 1; next }
    hit { if (match($0, /name="csrf" value="[0-9a-f]+"/)) print substr($0, RSTART + 19, RLENGTH - 20); exit }
  ' "$T/resp.body"
}

# The CGI's own answer, without a server: what every server must pass on.
cgi_body() {
  env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET SCRIPT_NAME=/mail-admin QUERY_STRING="$1" \
    "$TOP/vmailmgr.cgi" | sed '1,/^\r*$/d'
}
cgi_body "p=style.css" > "$T/style.css"
[ -s "$T/style.css" ] || fail "vmailmgr.cgi gives no stylesheet"
CSP="default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

# ---- the checks, for one server ---------------------------------------------

# check_server NAME URL: everything but the unreachable daemon.
check_server() {
  name=$1 URL=$2
  local account=web$1 password=$1-Pass-1 good bad start took
  PASSWORDS+=("$password")
  token=

  # the login page, its links and forms at SCRIPT_NAME
  http GET ""
  expect_status 200 "the login page"
  expect_header Content-Type "text/html; charset=utf-8" "the login page"
  expect_header Content-Security-Policy "$CSP" "the login page"
  expect_body "<h1>Log in</h1>" "the login page"
  expect_eq "$(grep -oE '(href|action|src)="[^"]*"' "$T/resp.body" | sort | uniq -c | sed 's/^ *//')" \
    '2 action="/mail-admin"
1 href="/mail-admin"
1 href="/mail-admin?p=style.css"' "$name: the login page's links and forms"
  [ -z "$(header Set-Cookie)" ] || fail "$name: a cookie before any login"

  http GET "p=style.css"
  expect_status 200 "the stylesheet"
  expect_header Content-Type "text/css; charset=utf-8" "the stylesheet"
  cmp -s "$T/resp.body" "$T/style.css" || fail "$name: the stylesheet differs from the CGI's"

  # a wrong admin password: the login page again, slowly, no cookie
  start=$(date +%s%N)
  http POST "$(form action=login_admin domain=$DOMAIN password="$WRONG_PASSWORD")"
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  expect_status 403 "a wrong admin password"
  expect_body "Login failed: wrong domain or admin password." "a wrong admin password"
  expect_body "<h1>Log in</h1>" "a wrong admin password"
  [ -z "$(header Set-Cookie)" ] || fail "$name: a cookie after a failed login: $(header Set-Cookie)"
  [ "$took" -ge 1000 ] || fail "$name: a failed login was answered in $took ms"

  # the admin login: back to SCRIPT_NAME with the session cookie
  http POST "$(form action=login_admin domain=$DOMAIN password="$ADMIN_PASSWORD")"
  expect_status 303 "the admin login"
  expect_header Location "$URL/mail-admin" "the admin login"
  [ -n "$token" ] || fail "$name: no session cookie after the login"
  expect_header Set-Cookie "vmailmgr_session=$token; Path=/; HttpOnly; SameSite=Strict" "the admin login"

  http GET ""
  expect_status 200 "the account list"
  expect_body "<h1>Accounts of $DOMAIN</h1>" "the account list"
  expect_body '<tr id="account-joe">' "the account list"
  expect_body '<a href="/mail-admin?p=account&amp;name=joe">joe</a>' "the account list"
  expect_header Content-Security-Policy "$CSP" "the account list"
  good=$(csrf_of add_account) bad=$(csrf_of add_alias)
  [[ $good =~ ^[0-9a-f]{64}$ && $bad =~ ^[0-9a-f]{64}$ && $good != "$bad" ]] ||
    fail "$name: the account list's anti-CSRF fields: [$good] [$bad]"

  # a change without its anti-CSRF field, or with another form's: refused
  local add=(action=add_account name="$account" password="$password" password2="$password"
             forwards="$account@else.test")
  http POST "$(form "${add[@]}")"
  expect_status 403 "adding an account without the anti-CSRF field"
  expect_body "nothing was changed" "adding an account without the anti-CSRF field"
  http POST "$(form "${add[@]}" csrf="$bad")"
  expect_status 403 "adding an account with another form's anti-CSRF field"
  expect_body "nothing was changed" "adding an account with another form's anti-CSRF field"
  run base "$TOP/dumpvuser" "$account"
  [ "$rc" != 0 ] || fail "$name: $account exists after refused posts: $out"
  expect_no_login "$account@$DOMAIN" "$password"

  # the same change with the page's field: made, as the shell tools see it
  http POST "$(form "${add[@]}" csrf="$good")"
  expect_status 303 "adding an account"
  expect_header Location "$URL/mail-admin?done=added&name=$account" "adding an account"
  http GET "done=added&name=$account"
  expect_status 200 "the page after adding"
  expect_body "Account $account added." "the page after adding"
  expect_body "<tr id=\"account-$account\">" "the page after adding"
  dump "$account"
  grep -qx "Has-Mailbox: true" <<<"$out" && grep -qx "Forward: $account@else.test" <<<"$out" ||
    fail "$name: dumpvuser $account: $out"
  expect_login "$account@$DOMAIN" "$password"
}

# check_logs NAME LOGDIR: once the server has stopped (lighttpd writes its
# access log in batches), a line for each of its posts, and no password in
# any of its logs.
check_logs() {
  local name=$1 logs=$2 log p
  [ "$(grep -c '"POST /mail-admin HTTP/1.1" ' "$logs/access.log")" = "${POSTS[$name]}" ] ||
    fail "$name: ${POSTS[$name]} posts, but the access log has: $(cat "$logs/access.log")"
  for log in "$logs"/*.log; do
    for p in "${PASSWORDS[@]}"; do
      ! grep -qF -- "$p" "$log" || fail "$name: the password $p is in $log: $(grep -F -- "$p" "$log")"
    done
  done
}

# check_https NAME URL: over HTTPS (the server sets HTTPS=on, as INSTALL
# says each does), the session cookie is Secure and the redirect https.
check_https() {
  name=$1 URL=$2
  token=
  http POST "$(form action=login_admin domain=$DOMAIN password="$ADMIN_PASSWORD")"
  expect_status 303 "the admin login over HTTPS"
  expect_header Location "$URL/mail-admin" "the admin login over HTTPS"
  [ -n "$token" ] || fail "$name: no session cookie after the login over HTTPS"
  expect_header Set-Cookie "vmailmgr_session=$token; Path=/; HttpOnly; SameSite=Strict; Secure" \
    "the admin login over HTTPS"
  http GET ""
  expect_status 200 "the account list over HTTPS"
  expect_body "<h1>Accounts of $DOMAIN</h1>" "the account list over HTTPS"
}

# check_unreachable NAME URL: with a session cookie, and a login, while
# vmailmgrd cannot be reached: 503 naming the daemon and its socket.
check_unreachable() {
  name=$1 URL=$2
  token=v1.6578616d706c652e74657374..a.9999999999.00.00
  http GET ""
  expect_status 503 "$3: a page"
  expect_body "The administration service vmailmgrd cannot be reached" "$3: a page"
  expect_body "$VMD_SOCKET" "$3: a page"
  token=
  http POST "$(form action=login_admin domain=$DOMAIN password="$ADMIN_PASSWORD")"
  expect_status 503 "$3: a login"
  expect_body "The administration service vmailmgrd cannot be reached" "$3: a login"
}

declare -A POSTS
check_server apache "${APACHE_URL[event]}"
check_server prefork "${APACHE_URL[prefork]}"
check_server nginx "$NGINX_URL"
check_server lighttpd "$LIGHTTPD_URL"
check_https apache "${APACHE_TLS_URL[event]}"
check_https prefork "${APACHE_TLS_URL[prefork]}"
check_https nginx "$NGINX_TLS_URL"

chmod 0600 "$VMD_SOCKET"
check_unreachable apache "${APACHE_URL[event]}" "a socket the web server's user cannot open"
check_unreachable prefork "${APACHE_URL[prefork]}" "a socket the web server's user cannot open"
check_unreachable nginx "$NGINX_URL" "a socket the web server's user cannot open"
check_unreachable lighttpd "$LIGHTTPD_URL" "a socket the web server's user cannot open"
chmod 0660 "$VMD_SOCKET"
vmd_stop
check_unreachable apache "${APACHE_URL[event]}" "vmailmgrd stopped"
check_unreachable prefork "${APACHE_URL[prefork]}" "vmailmgrd stopped"
check_unreachable nginx "$NGINX_URL" "vmailmgrd stopped"
check_unreachable lighttpd "$LIGHTTPD_URL" "vmailmgrd stopped"
apache_stop event; apache_stop prefork; nginx_stop; lighttpd_stop
check_logs apache "${APACHE_LOGS[event]}"
check_logs prefork "${APACHE_LOGS[prefork]}"
check_logs nginx "$NGINX_LOGS"
check_logs lighttpd "$LIGHTTPD_LOGS"
for p in "${PASSWORDS[@]}"; do
  ! grep -qF -- "$p" "$VMD_LOG" || fail "the password $p is in vmailmgrd's log"
done
echo "Apache (event + mod_cgid, prefork + mod_cgi), nginx + fcgiwrap and lighttpd: INSTALL's configurations serve vmailmgr.cgi"
