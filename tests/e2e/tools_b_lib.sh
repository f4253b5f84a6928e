# Sourced (after tests/lib.sh) by the end-to-end tests of listvdomain,
# dumpvuser, showvconfig, vchattr, vchforwards, vrehash and vupgrade. The
# tools run as a private base user of the sandbox, in its home, with HOME set
# and VMAILMGR_ETC pointing to a private global settings directory.
# The files made by the original VMailMgr 0.97, with what each holds.
FIXTURE=$TOP/tests/fixtures/vmailmgr-0.97

# base_init NAME UID: the base user NAME, home $H, global settings in $ETC.
base_init() {
  sandbox_init
  need cdb
  need python3
  BASE=$1 BUID=$2 H=$T/home/$1 ETC=$T/vmailmgr-etc
  sandbox_user "$BASE" "$BUID"
  mkdir -p "$ETC"
  chmod 755 "$T" "$T/home" "$ETC"
}

# as_base CMD...: CMD as the base user, cwd and HOME its home, a clean environment.
as_base() {
  in_sandbox setpriv --reuid "$BUID" --regid "$BUID" --init-groups \
    env -i -C "$H" PATH=/usr/bin:/bin HOME="$H" USER="$BASE" VMAILMGR_ETC="$ETC" "$@"
}
# vm PROG ARG...: runs one of our programs as the base user (run: $out $err $rc).
vm() {
  local p=$1; shift
  [ -x "$TOP/$p" ] || fail "$TOP/$p is not built"
  run as_base "$TOP/$p" "$@"
}

# fixture_domain: the domain the original VMailMgr 0.97 made (EXPECTED.md): its
# table, per-domain settings (bits 4, slices 2) and directory tree.
fixture_domain() {
  cp "$FIXTURE/passwd.cdb" "$H/passwd.cdb"
  chmod 600 "$H/passwd.cdb"
  mkdir -p "$H/.vmailmgr"
  cp "$FIXTURE/dot-vmailmgr/user-dir-bits" "$FIXTURE/dot-vmailmgr/user-dir-slices" "$H/.vmailmgr/"
  cp "$FIXTURE/dot-qmail-default" "$H/.qmail-default"
  local d
  for d in 9/c/kai greta ivar:holm lena mailer-daemon postmaster root; do
    mkdir -p "$H/users/$d/cur" "$H/users/$d/new" "$H/users/$d/tmp"
    chmod 700 "$H/users/$d"
  done
  mkdir -m 700 "$H/users/sales" "$H/users/+"
  chown -R "$BUID:$BUID" "$H"
}

# cdb_dump FILE: `cdb -d FILE` (tinycdb) in EXPECTED.md's notation: one line per
# record, bytes 0x20..0x7e as themselves ('\' as '\\'), others as \xHH.
cdb_dump() {
  cdb -d "$1" | python3 -c '
import sys
data = sys.stdin.buffer.read(); i = 0; out = []
def esc(b):
    return "".join(chr(c) if 0x20 <= c < 0x7f and c != 0x5c
                   else "\\\\" if c == 0x5c else "\\x%02x" % c for c in b)
while data[i:i+1] == b"+":
    comma = data.index(b",", i); colon = data.index(b":", comma)
    kl = int(data[i+1:comma]); dl = int(data[comma+1:colon])
    key = data[colon+1:colon+1+kl]; j = colon + 1 + kl
    assert data[j:j+2] == b"->"; val = data[j+2:j+2+dl]; i = j + 2 + dl
    assert data[i:i+1] == b"\n"; i += 1
    out.append("+%d,%d:%s->%s" % (kl, dl, esc(key), esc(val)))
assert data[i:] == b"\n", "bad cdb -d ending"
print("\n".join(out))'
}

# state: what must not change on a failed command: the table's sha256 and
# every path under the home with its mode and owner (the lock file a writer
# creates to wait its turn is left out).
state() {
  (cd "$H" && {
    sha256sum passwd.cdb 2>/dev/null || echo "no table"
    find . ! -name passwd.lock -printf '%p %m %u\n' | sort
  })
}

# expected_block TITLE: the verbatim block that follows the line TITLE in
# EXPECTED.md (e.g. '`dumpvuser kai`:').
expected_block() {
  awk -v title="$1" '$0 == title { want = 1; next }
    want && /^```/ { if (inside) exit; inside = 1; next }
    want && inside { print }' "$FIXTURE/EXPECTED.md"
}
