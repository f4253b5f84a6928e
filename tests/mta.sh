# Helpers shared by the tests of vdeliver behind mail systems (Postfix, Exim,
# OpenSMTPD, maildrop, fetchmail); sourced after tests/lib.sh.
#
# mta_sandbox BASE_UID [PROGRAM...]: the world of an MTA peer test, once
#   vdeliver, vsetup, vadduser and each PROGRAM are found built: the sandbox
#   (sandbox_init), with $T and $T/home searchable (delivery agents reach the
#   homes as their users); the base user vmbase (BASE, BASE_UID, its home
#   BHOME) and the local user sender (uid BASE_UID+1, home SHOME: bounces go
#   to its Maildir); global settings of the test's own, never /etc/vmailmgr
#   (VMAILMGR_ETC=$T/vmm-etc, exported), whose qmail-root $T/qmail has an
#   empty control/ (a test lists its domains there when it needs them).
# vm PROGRAM ARGS...: one of the tools as vmbase, in its home, with a clean
#   environment.
# mta_accounts NAME[:BYTES]...: vsetup as vmbase, then vadduser NAME for each
#   (password NAME-secret; with BYTES, -z BYTES: a message size limit);
#   fails unless each exits 0.
# mta_forward_vdeliver: ~vmbase/.forward piping to vdeliver (INSTALL's
#   Postfix setup), owned by vmbase and not writable by others (local(8)).
# home_files: every file under $T/home, sorted (what was delivered where).
# take PATH: a delivery a test has checked (PATH under $T/home) moves to
#   $T/seen, so that home_files at the end shows anything left unchecked.
# only_file DIR: the path of the one file in DIR; fails when DIR holds
#   another number of files, with the last lines of the log (the command
#   named by MTA_LOG, which the test sets).
# install_snippet TITLE N: prints the Nth (1-based) configuration block of
#   the INSTALL section titled TITLE (a line "TITLE" over a line of dots, or
#   of dashes for a whole chapter such as "Web pages: vmailmgr.cgi"):
#   a run of lines indented by 7 or more spaces, 7 removed; blank lines
#   inside a block are kept. The tests configure each program with exactly
#   what INSTALL gives the administrator, placeholders replaced (snippet_subst).
#   Fails when the section or the block is missing.
# snippet_subst FROM TO [FROM TO...]: a filter replacing each FROM (a fixed
#   string) with TO on every line, in order.
# mta_greets PORT PREFIX: the server on 127.0.0.1:PORT greets with a line
#   that starts with PREFIX (tests/postfix.sh's postfix_greets); it is sent QUIT.
# mta_send PORT SENDER FILE RCPT...: one SMTP transaction (tests/postfix.sh's
#   postfix_send, pointed at PORT): prints "MAIL CODE", "RCPT ADDRESS CODE"...,
#   "DATA CODE" on stdout, the replies on stderr, exit 0 when queued.
# files_in DIR, count_in DIR: the files of a directory (sorted), their number.
# mta_need_deb LABEL DIR PACKAGE BINARY [HINT]: skips the test (exit 77)
#   unless a mail system unpacked from Debian's PACKAGE can run here, as
#   tests/exim.sh and tests/opensmtpd.sh run one: as root, with unshare,
#   overlayfs (its private /etc, /usr or /var), python3 (mta_send), the
#   package (tests/debs unpacks it into DIR/root), its BINARY (a path under
#   DIR/root) and every library that needs (HINT is added to that message).
#   Fails unless sandbox_init ran. Sets MTA_DIR to DIR's absolute path.
# mta_system_user NAME UID GECOS HOME: a system user (no login, no password)
#   and its group UID in the sandbox's user database.
# mta_pids_naming STRING: the pids of the processes whose command line holds
#   STRING (never this shell or its children running pgrep).
# mta_alive PID: the process exists and is not a zombie.
# mta_stop_pids SECONDS PID...: waits up to SECONDS for the PIDs to end, then
#   ends the ones left (TERM, then KILL); returns 1 when it had to.

source "$TOP/tests/postfix.sh"

install_snippet() {
  local title=$1 n=$2 text
  text=$(awk -v title="$title" -v want="$n" '
    # A section title is a line followed by a line of dots of any length.
    { line[NR] = $0 }
    END {
      start = 0
      for (i = 1; i < NR; i++)
        if (line[i] == title && line[i + 1] ~ /^([.~]+|-+)$/) { start = i + 2; break }
      if (!start) exit 2
      block = 0; inblock = 0; pending = ""
      for (i = start; i <= NR; i++) {
        if (i < NR && line[i + 1] ~ /^(\.+|~+\.+|-+|=+)$/ && line[i] !~ /^ /) break
        if (line[i] ~ /^       /) {
          if (!inblock) { block++; inblock = 1; pending = "" }
          if (block == want) { printf "%s", pending; print substr(line[i], 8) }
          pending = ""
        } else if (line[i] ~ /^[ \t]*$/) {
          if (inblock) pending = pending "\n"
        } else {
          inblock = 0; pending = ""
        }
      }
      if (block < want) exit 3
    }' "$TOP/INSTALL")
  case $? in
    0) printf '%s\n' "$text" ;;
    2) fail "INSTALL has no section \"$title\"" ;;
    *) fail "INSTALL's section \"$title\" has no configuration block $n" ;;
  esac
}

snippet_subst() {
  python3 -c '
import sys
pairs = sys.argv[1:]
text = sys.stdin.read()
for i in range(0, len(pairs), 2):
    text = text.replace(pairs[i], pairs[i + 1])
sys.stdout.write(text)' "$@"
}

mta_greets() { POSTFIX_SMTP_PORT=$1 postfix_greets "$2"; }

mta_send() {
  local port=$1; shift
  POSTFIX_SMTP_PORT=$port postfix_send "$@"
}

files_in() { ls -A "$1" 2>/dev/null | LC_ALL=C sort; }
count_in() { files_in "$1" | grep -c . ; }

mta_need_deb() {
  local label=$1 dir=$2 package=$3 binary=$4 hint=${5:-} why missing
  [ "$(id -u)" = 0 ] || skip "needs root for a private mount namespace"
  command -v unshare >/dev/null || skip "unshare is not installed"
  grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null
  grep -qw overlay /proc/filesystems || skip "no overlay file system (the private directories of $label)"
  command -v python3 >/dev/null || skip "python3 is not installed"
  [ -f "$T/etc/passwd" ] || fail "$label: run sandbox_init first"
  mkdir -p "$dir"
  MTA_DIR=$(cd "$dir" && pwd)
  why=$("$TOP/tests/debs" "$MTA_DIR/root" "$package" 2>&1) || skip "$label: $why"
  [ -x "$MTA_DIR/root/$binary" ] || skip "$label: the package has no $binary"
  missing=$(ldd "$MTA_DIR/root/$binary" 2>/dev/null | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')
  [ -z "$missing" ] || skip "$label: libraries missing: $missing$hint"
}

mta_system_user() {
  echo "$1:x:$2:$2:$3:$4:/usr/sbin/nologin" >> "$T/etc/passwd"
  echo "$1:!:19000:0:99999:7:::" >> "$T/etc/shadow"
  echo "$1:x:$2:" >> "$T/etc/group"
}

mta_pids_naming() {
  pgrep -f -- "$1" | grep -vx "$$" || true
}

mta_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

mta_stop_pids() {
  local limit=$1 i p left had=0; shift
  for i in $(seq $((limit * 10))); do
    left=()
    for p in "$@"; do mta_alive "$p" && left+=("$p"); done
    [ ${#left[@]} = 0 ] && return 0
    sleep 0.1
  done
  for p in "${left[@]}"; do kill -TERM "$p" 2>/dev/null && had=1; done
  sleep 1
  for p in "${left[@]}"; do kill -KILL "$p" 2>/dev/null; done
  [ $had = 0 ]
}

mta_sandbox() {
  local p
  BASE_UID=$1; shift
  for p in vdeliver vsetup vadduser "$@"; do [ -x "$TOP/$p" ] || fail "$TOP/$p is not built"; done
  sandbox_init
  chmod 755 "$T" "$T/home"
  BASE=vmbase
  sandbox_user "$BASE" "$BASE_UID"
  sandbox_user sender $((BASE_UID + 1))
  BHOME=$T/home/$BASE
  SHOME=$T/home/sender
  export VMAILMGR_ETC=$T/vmm-etc
  mkdir -p "$VMAILMGR_ETC" "$T/qmail/control"
  echo "$T/qmail" > "$VMAILMGR_ETC/qmail-root"
  chmod -R go+rX "$VMAILMGR_ETC" "$T/qmail"
}

vm() {
  local p=$1; shift
  in_sandbox setpriv --reuid "$BASE_UID" --regid "$BASE_UID" --init-groups \
    env -i PATH=/usr/bin:/bin HOME="$BHOME" VMAILMGR_ETC="$VMAILMGR_ETC" LC_ALL=C \
    bash -c 'cd "$HOME" && exec "$@"' vm "$TOP/$p" "$@"
}

mta_accounts() {
  local a name limit
  run vm vsetup --quiet
  expect_rc 0 "vsetup"
  for a in "$@"; do
    name=${a%%:*}
    limit=()
    [ "$name" = "$a" ] || limit=(-z "${a#*:}")
    run_in "$name-secret"$'\n' vm vadduser --quiet "${limit[@]}" "$name"
    expect_rc 0 "vadduser $name"
  done
}

mta_forward_vdeliver() {
  printf '"|%s/vdeliver"\n' "$TOP" > "$BHOME/.forward"
  chown "$BASE_UID:$BASE_UID" "$BHOME/.forward"
  chmod 644 "$BHOME/.forward"
}

home_files() { (cd "$T/home" && find . -type f | LC_ALL=C sort); }

take() {
  mkdir -p "$T/seen"
  mv "$T/home/$1" "$T/seen/$(echo "$1" | tr / _)"
}

only_file() {
  local n; n=$(count_in "$1")
  [ "$n" = 1 ] || fail "$1 holds $n files, expected 1: $(files_in "$1" | tr '\n' ' ') (log: $(${MTA_LOG:-true} | tail -n 20))"
  echo "$1/$(files_in "$1")"
}
