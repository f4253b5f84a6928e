# Figure 7: vimport converting one big mbox (a mix of small and large
# messages) into a Maildir, in messages per second, divided by Debian's
# mb2md converting the same file on the same disk; rounds alternate between
# the two. vimport's time includes making the Maildir durable (one
# syncfs(2)), which mb2md never does. The same on a tmpfs is printed under
# it: both programs create one file per message, and on this machine's disk
# (ext4 without a journal) each creation costs more than either program's
# own work.
bench_import() {
  local megabytes=$1 rounds=$2
  step "figure 7: vimport against mb2md, $megabytes MB mbox"
  command -v mb2md >/dev/null || { note "figure 7 skipped: mb2md is not installed"; return 0; }
  local dir=$T/import
  mkdir -p "$dir/spool"
  python3 - "$dir/spool/joe" "$megabytes" <<'PY' || fail "cannot write the mbox"
import random, sys
path, size = sys.argv[1], int(sys.argv[2]) << 20
r = random.Random(6)
line = b"a line of an ordinary message body, written to look like text of some sort\n"
with open(path, "wb") as f:
    n = written = 0
    while written < size:
        n += 1
        body = line * r.choice([4, 10, 30, 60, 120, 600])
        m = (b"From sender%d@example.org Wed Nov 24 11:%02d:35 1999\nFrom: sender@example.org\n"
             b"Subject: message %d\nStatus: RO\n\n" % (n, n % 60, n)) + body + b"\n"
        f.write(m)
        written += len(m)
PY
  echo "joe:\$1\$salt\$hash" > "$dir/passwd"
  local r start end ours=() theirs=() ratio=() count
  run_vimport() {  # run_vimport HOME: prints seconds
    local s e
    s=$(date +%s.%N)
    env HOME="$1" VMAILMGR_ETC="$VMAILMGR_ETC" "$TOP/vimport" --quiet --passwd="$dir/passwd" \
      --spool="$dir/spool" pop3d example.test 2>/dev/null || fail "vimport failed"
    e=$(date +%s.%N)
    calc "$e - $s"
  }
  run_mb2md() {  # run_mb2md MAILDIR: prints seconds
    local s e
    s=$(date +%s.%N)
    mb2md -s "$dir/spool/joe" -d "$1" >/dev/null 2>&1 || fail "mb2md failed"
    e=$(date +%s.%N)
    calc "$e - $s"
  }
  for r in $(seq "$rounds"); do
    step "figure 7: round $r/$rounds"
    mkdir -p "$dir/home$r"
    ours+=("$(run_vimport "$dir/home$r")")
    theirs+=("$(run_mb2md "$dir/mb2md$r")")
    count=$(ls "$dir/home$r/users/joe/cur" | wc -l)
    [ "$(ls "$dir/mb2md$r/cur" | wc -l)" = "$count" ] || fail "vimport and mb2md made different counts"
    ratio+=("$(calc "${theirs[-1]} / ${ours[-1]}")")
  done
  figure "7 messages/s converting a $megabytes MB mbox ($count messages), vimport ÷ mb2md" \
    "$(printf '%s\n' "${ratio[@]}" | stats)" '>=' 5 ''
  note "vimport $(range_of "$(printf '%s\n' "${ours[@]}" | stats)") s, mb2md $(range_of "$(printf '%s\n' "${theirs[@]}" | stats)") s on the disk"
  # The same once more on a tmpfs private to the namespace.
  local tmp=$dir/tmpfs
  mkdir -p "$tmp"
  local both
  both=$(in_sandbox bash -c 'mount -t tmpfs -o size=4g vmbimport "$1" || exit 1
    mkdir -p "$1/home" && cp "$2/spool/joe" "$1/joe" || exit 1
    s=$(date +%s%N); env HOME="$1/home" VMAILMGR_ETC="$4" "$3/vimport" --quiet --passwd="$2/passwd" \
      --spool="$1" pop3d example.test 2>/dev/null || exit 1; e=$(date +%s%N)
    m=$(date +%s%N); mb2md -s "$1/joe" -d "$1/md" >/dev/null 2>&1 || exit 1; n=$(date +%s%N)
    echo "$(( (e - s) / 1000000 )) $(( (n - m) / 1000000 ))"' tmpfs "$tmp" "$dir" "$TOP" "$VMAILMGR_ETC") ||
    fail "the tmpfs round failed"
  note "on a tmpfs: vimport $(calc "${both% *} / 1000") s, mb2md $(calc "${both#* } / 1000") s: ratio $(calc "${both#* } / ${both% *}")"
  rmdir "$tmp"
  rm -rf "${dir:?}"
}
