# Sourced (after tests/lib.sh) by the e2e tests of vsetup, vadduser,
# vaddalias, vaddusers, vdeluser, vpasswd and vpasswds. They run the tools
# the way an administrator does: as an ordinary base user (uid 2911, in the
# private user database of tests/lib.sh), with HOME its home, the cwd there,
# and VMAILMGR_ETC a private global settings directory — never /etc/vmailmgr.
BASE=vmtbase
BASE_UID=2911
BIN=${BIN:-$TOP}  # where the programs are (make builds them at the top)
STARTED=$(date +%s)

# account_domain: the base user with an empty home $BHOME, settings in $ETCDIR.
account_domain() {
  sandbox_init
  sandbox_user "$BASE" "$BASE_UID"
  BHOME=$T/home/$BASE
  ETCDIR=$T/vmailmgr-etc
  mkdir -p "$ETCDIR"
  chmod 755 "$T/home" "$ETCDIR"
  for p in vsetup vadduser vaddalias vaddusers vdeluser vpasswd vpasswds; do
    [ -x "$BIN/$p" ] || fail "$BIN/$p is not built"
  done
  [ -x "$TOOLS/account_show" ] || fail "$TOOLS/account_show is not built"
}

# as_base CMD...: CMD as the base user, in its home, with a clean environment.
as_base() {
  in_sandbox setpriv --reuid "$BASE_UID" --regid "$BASE_UID" --init-groups \
    env -i PATH=/usr/bin:/bin HOME="$BHOME" VMAILMGR_ETC="$ETCDIR" LC_ALL=C \
    bash -c 'cd "$HOME" && exec "$@"' as_base "$@"
}
# vm PROGRAM ARGS...: one of the tools as the base user.
vm() { local p=$1; shift; as_base "$BIN/$p" "$@"; }

# A file written as the base user would (owner and mode).
base_file() { # base_file PATH MODE TEXT
  printf '%s' "$3" > "$1" && chown "$BASE_UID:$BASE_UID" "$1" && chmod "$2" "$1"
}
base_dir() { mkdir -p "$@" && chown -R "$BASE_UID:$BASE_UID" "$@"; }

# Everything under the home: the table's sha256, then every path with its
# type, mode and owner. Equal before and after = nothing was touched.
state() {
  (cd "$BHOME" && { sha256sum passwd.cdb 2>/dev/null || echo "no table";
                    find . -printf '%p %y %m %U\n' | LC_ALL=C sort; })
}
expect_state() { # expect_state SAVED WHAT
  [ "$(state)" = "$1" ] || fail "${2:-command} changed the domain: $(diff <(echo "$1") <(state))"
}

# The accounts decoded, one line each (tests/tools/account_show.cc), with a
# creation time from this test shown as NOW, an expiry as NOW+SECONDS, and
# a yescrypt hash as YESCRYPT.
show() {
  "$TOOLS/account_show" "$BHOME/passwd.cdb" | awk -v s="$STARTED" -v e="$(date +%s)" '{
    c = ""
    for (i = 1; i <= NF; i++) if ($i ~ /^ctime=[0-9]+$/) { v = substr($i, 7) + 0; if (v >= s && v <= e) { c = v; $i = "ctime=NOW" } }
    if (c != "") for (i = 1; i <= NF; i++) if ($i ~ /^expiry=[0-9]+$/) $i = "expiry=NOW+" (substr($i, 8) - c)
    gsub(/pw=\$y\$[^ ]*/, "pw=YESCRYPT")
    print }'
}
# verify NAME PASSWORD: exit 0 when it verifies against the stored hash.
verify() { "$TOOLS/account_show" "$BHOME/passwd.cdb" "$1" "$2"; }

# tinycdb's `cdb -d` of the table in EXPECTED.md's notation (bytes outside
# 0x20..0x7e as \xHH, '\' as '\\', one record a line, then an empty line),
# with creation times of this test shown as NOW.
dump() {
  cdb -d "$BHOME/passwd.cdb" | python3 -c '
import re, sys
s, e = int(sys.argv[1]), int(sys.argv[2])
raw = sys.stdin.buffer.read()
def esc(b):
    return "".join(chr(c) if 0x20 <= c <= 0x7e and c != 0x5c else ("\\\\" if c == 0x5c else "\\x%02x" % c) for c in b)
def now(data):
    f = data.split(b"\0")
    return b"\0".join(b"NOW" if x.isdigit() and s <= int(x) <= e else x for x in f)
at, out = 0, []
while raw[at:at + 1] == b"+":
    m = re.compile(rb"\+(\d+),(\d+):").match(raw, at)
    k, d = int(m.group(1)), int(m.group(2))
    key = raw[m.end():m.end() + k]
    data = raw[m.end() + k + 2:m.end() + k + 2 + d]
    out.append("+%d,%d:%s->%s" % (k, d, esc(key), esc(now(data))))
    at = m.end() + k + 2 + d + 1
print("\n".join(out))
' "$STARTED" "$(date +%s)"
}

# on_terminal ANSWER... -- CMD...: runs CMD on a new pseudo-terminal (its
# controlling terminal), typing each ANSWER and Enter after each password
# prompt ("... password for 'NAME': "). Sets $screen (what the terminal showed, CR LF as LF) and $rc.
# CMD may be one of our shell functions (as_base).
on_terminal() {
  local answers=()
  while [ "$1" != "--" ]; do answers+=("$1"); shift; done
  shift
  export -f as_base in_sandbox
  export T BHOME ETCDIR BASE_UID
  screen=$(python3 -c '
import os, pty, select, sys, time
args = sys.argv[1:]
cut = args.index("--")
answers, argv = args[:cut], args[cut + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
seen, typed = b"", 0
deadline = time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    if typed < len(answers) and seen.count(b"password for \x27") > typed and seen.endswith(b": "):
        os.write(fd, answers[typed].encode() + b"\n")
        typed += 1
done, status = os.waitpid(pid, os.WNOHANG)
if done == 0:  # still waiting for input: the test fails, nothing is left behind
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
' "${answers[@]}" -- bash -c '"$@"' on_terminal "$@")
  rc=$?
}
