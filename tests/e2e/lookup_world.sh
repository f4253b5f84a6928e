# Shared by the e2e tests of vsocketmap and vrcptcheck (sourced after
# tests/lib.sh; not a test itself). lookup_world builds, in the sandbox of
# tests/lib.sh, virtual domains whose tables are made by the real tools run
# as their base users:
#   vmlbase  2921  example.test, .wild.test (control/virtualdomains)
#            joe, ann (mailboxes), sales (alias -> joe), eve (expired),
#            dora (mailbox disabled), nomail (no mailbox, no forwards), the
#            postmaster aliases of vsetup; default-username "none" (no catch-all)
#   vmlcatch 2922  catch.test: boss, and the catch-all + (alias -> boss)
#   vmlbad   2923  bad.test: a table whose record "bad" does not decode (it
#            holds LEAK-markers that must never be printed), and "good"
#   vmlsym   2924  sym.test: ~/passwd.cdb is a symbolic link to a valid table
#            readable by root only (account "rootonly", hash ROOTSECRET)
#   vmlzero  2925  zero.test: a 0-byte table
#   vmlnone  2926  none.test: no table at all (a new domain)
#   also: local.test (in control/locals, and in virtualdomains for vmlbase),
#   rootdom.test:root, gone.test:nosuchuser; global settings in $VMAILMGR_ETC
#   (qmail-root $T/qmail).
# req STRING: STRING as a netstring (bytes counted with LC_ALL=C).
export LC_ALL=C
LOOKUP_BASES="vmlbase:2921 vmlcatch:2922 vmlbad:2923 vmlsym:2924 vmlzero:2925 vmlnone:2926"

req() { printf '%d:%s,' "${#1}" "$1"; }

# as_user NAME UID CMD...: CMD as that base user, in its home.
as_user() {
  local name=$1 uid=$2; shift 2
  in_sandbox setpriv --reuid "$uid" --regid "$uid" --init-groups \
    env -i PATH=/usr/bin:/bin HOME="$T/home/$name" VMAILMGR_ETC="$VMAILMGR_ETC" LC_ALL=C \
    bash -c 'cd "$HOME" && exec "$@"' as_user "$@"
}

lookup_world() {
  local p entry
  for p in vsetup vadduser vaddalias vchattr vsocketmap vrcptcheck; do
    [ -x "$TOP/$p" ] || fail "$TOP/$p is not built"
  done
  [ -x "$TOOLS/cdbtool" ] || fail "$TOOLS/cdbtool is not built"
  sandbox_init
  chmod 755 "$T" "$T/home"
  for entry in $LOOKUP_BASES; do sandbox_user "${entry%%:*}" "${entry##*:}"; done
  export VMAILMGR_ETC=$T/vmetc
  mkdir -p "$VMAILMGR_ETC" "$T/qmail/control"
  echo "$T/qmail" > "$VMAILMGR_ETC/qmail-root"
  mkdir -p "$T/control-index"  # never the host's /var/lib
  echo "$T/control-index" > "$VMAILMGR_ETC/control-index"
  printf '%s\n' example.test:vmlbase .wild.test:vmlbase local.test:vmlbase catch.test:vmlcatch \
    bad.test:vmlbad sym.test:vmlsym zero.test:vmlzero none.test:vmlnone rootdom.test:root \
    gone.test:nosuchuser > "$T/qmail/control/virtualdomains"
  printf '%s\n' localhost local.test > "$T/qmail/control/locals"
  chmod -R go+rX "$VMAILMGR_ETC" "$T/qmail"

  local b="as_user vmlbase 2921"
  $b "$TOP/vsetup" --quiet || fail "vsetup"
  $b bash -c 'mkdir -p .vmailmgr && echo none > .vmailmgr/default-username' || fail "default-username"
  for p in joe ann eve dora; do
    printf '%s-secret\n' "$p" | $b "$TOP/vadduser" --quiet "$p" || fail "vadduser $p"
  done
  $b "$TOP/vadduser" --quiet -P -D nomail || fail "vadduser nomail"
  $b "$TOP/vaddalias" --quiet sales joe || fail "vaddalias sales"
  $b "$TOP/vchattr" --quiet -e 1000 eve || fail "vchattr eve"
  $b "$TOP/vchattr" --quiet -E 0 dora || fail "vchattr dora"

  local c="as_user vmlcatch 2922"
  $c "$TOP/vsetup" --quiet || fail "vsetup catch"
  printf 'boss-secret\n' | $c "$TOP/vadduser" --quiet boss || fail "vadduser boss"
  $c "$TOP/vaddalias" --quiet + boss || fail "vaddalias +"

  # A record that does not decode: version 2, a hash and a hard quota that
  # are not what they should be; neither may ever be printed.
  local bad good
  bad=$(printf '\\x02\\x0a\\x01\\x08\\x01\\x00LEAK-HASH-1\\x00./users/bad\\x00\\x00P\\x0012LEAK34\\x00-\\x00-\\x00-\\x00-\\x00-\\x00')
  good=$(printf '\\x02\\x0a\\x00\\x08\\x01\\x00*\\x00\\x00g@example.test\\x00\\x00\\x00-\\x00-\\x00-\\x00-\\x00-\\x00-\\x00')
  {
    printf "+3,%d:bad->$bad\n" "$(printf "$bad" | wc -c)"
    printf "+4,%d:good->$good\n" "$(printf "$good" | wc -c)"
    printf '\n'
  } | "$TOOLS/cdbtool" make "$T/home/vmlbad/passwd.cdb" || fail "cdbtool make"
  chown 2923:2923 "$T/home/vmlbad/passwd.cdb"
  chmod 600 "$T/home/vmlbad/passwd.cdb"

  # A valid table of root's, 0600, and vmlsym's table a symbolic link to it.
  mkdir -p "$T/rootonly"
  chmod 700 "$T/rootonly"
  local rec
  rec=$(printf '\\x02\\x0a\\x00\\x08\\x01\\x00ROOTSECRET\\x00\\x00x@example.test\\x00\\x00\\x00-\\x00-\\x00-\\x00-\\x00-\\x00-\\x00')
  printf "+8,%d:rootonly->$rec\n\n" "$(printf "$rec" | wc -c)" |
    "$TOOLS/cdbtool" make "$T/rootonly/passwd.cdb" || fail "cdbtool make rootonly"
  chmod 600 "$T/rootonly/passwd.cdb"
  ln -s "$T/rootonly/passwd.cdb" "$T/home/vmlsym/passwd.cdb"

  : > "$T/home/vmlzero/passwd.cdb"
  chown 2925:2925 "$T/home/vmlzero/passwd.cdb"
}

# sm ARGS...: vsocketmap ARGS... as root in the sandbox, stdin from $T/in.
sm() {
  run in_sandbox "$TOP/vsocketmap" "$@" < "$T/in"
}

# lookup_serve PORT ARGS...: tcpserver on 127.0.0.1:PORT running
# "vsocketmap ARGS..." as root in the sandbox, one per connection, in the
# background (LOOKUP_SERVER: its pid; their stderr: $T/vsocketmap.log);
# waits until it accepts. lookup_serve_unix PATH MODE GID ARGS...: the same
# under unixserver on the local socket PATH, made with MODE and group GID.
# Stop either with lookup_unserve (safe to repeat): it ends the server and
# every vsocketmap it started, by pid.
lookup_serve() {
  local port=$1; shift
  "${SANDBOX[@]}" tcpserver -q -H -R 127.0.0.1 "$port" "$TOP/vsocketmap" "$@" \
    </dev/null 2>>"$T/vsocketmap.log" &
  LOOKUP_SERVER=$!
  lookup_wait "tcpserver on port $port" exec 5<>"/dev/tcp/127.0.0.1/$port"
}
lookup_serve_unix() {
  local path=$1 mode=$2 gid=$3; shift 3
  "${SANDBOX[@]}" unixserver -q -p "$mode" -r "$gid" "$path" "$TOP/vsocketmap" "$@" \
    </dev/null 2>>"$T/vsocketmap.log" &
  LOOKUP_SERVER=$!
  lookup_wait "unixserver on $path" test -S "$path"
}
# lookup_wait WHAT CMD...: until CMD succeeds (in a subshell), or fails the test.
lookup_wait() {
  local what=$1 i; shift
  for i in $(seq 100); do
    ("$@") 2>/dev/null && return 0
    kill -0 "$LOOKUP_SERVER" 2>/dev/null || break
    sleep 0.1
  done
  fail "$what did not start"
}
lookup_unserve() {
  [ -n "${LOOKUP_SERVER:-}" ] || return 0
  local kids i
  kids=$(pgrep -P "$LOOKUP_SERVER")
  kill "$LOOKUP_SERVER" 2>/dev/null
  wait "$LOOKUP_SERVER" 2>/dev/null
  [ -n "$kids" ] && kill $kids 2>/dev/null
  local k alive
  for i in $(seq 50); do
    alive=
    for k in $kids; do kill -0 "$k" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  LOOKUP_SERVER=
}
