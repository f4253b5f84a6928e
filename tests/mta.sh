# Helpers shared by the tests of vdeliver behind other mail systems (Exim,
# OpenSMTPD, maildrop, fetchmail); sourced after tests/lib.sh.
#
# install_snippet TITLE N: prints the Nth (1-based) configuration block of
#   the INSTALL section titled TITLE (a line "TITLE" over a line of dots):
#   a run of lines indented by 7 or more spaces, 7 removed; blank lines
#   inside a block are kept. The tests configure each program with exactly
#   what INSTALL gives the administrator, placeholders replaced (snippet_subst).
#   Fails when the section or the block is missing.
# snippet_subst FROM TO [FROM TO...]: a filter replacing each FROM (a fixed
#   string) with TO on every line, in order.
# mta_free_port: a free TCP port on 127.0.0.1.
# mta_send PORT SENDER FILE RCPT...: one SMTP transaction (tests/postfix.sh's
#   postfix_send, pointed at PORT): prints "MAIL CODE", "RCPT ADDRESS CODE"...,
#   "DATA CODE" on stdout, the replies on stderr, exit 0 when queued.
# files_in DIR, count_in DIR: the files of a directory (sorted), their number.
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
        if (line[i] == title && line[i + 1] ~ /^[.~]+$/) { start = i + 2; break }
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

mta_free_port() { postfix_free_port; }

mta_send() {
  local port=$1; shift
  POSTFIX_SMTP_PORT=$port postfix_send "$@"
}

files_in() { ls -A "$1" 2>/dev/null | LC_ALL=C sort; }
count_in() { files_in "$1" | grep -c . ; }

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
