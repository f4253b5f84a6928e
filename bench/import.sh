# Figure 7: vimport converting one big mbox (a mix of small and large
# messages) into a Maildir, in messages per second, divided by Debian's
# mb2md converting the same file on the same disk; each round runs both,
# each after a sync(1), the first one in turn. vimport's time includes
# making the Maildir durable (one syncfs(2)), which mb2md never does: the
# ratio against mb2md followed by `sync -f` is printed under it. The CPU
# time (user+sys) of both is printed too: on the shared machine it varies
# less than the wall time. The same on a tmpfs is printed last: both
# programs create one file per message, and on a disk each creation is the
# kernel's work under the directory's lock, more than either program's own.
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
  local r ours=() theirs=() ratio=() our_cpu=() their_cpu=() cpu_ratio=() count w u s t
  # timed CMD...: "WALL USER+SYS" seconds of CMD (its children included).
  # The file system is synced first, so neither program pays for the
  # write-back of what the other wrote just before (vimport's syncfs would).
  timed() {
    local TIMEFORMAT='%R %U %S' times
    sync
    times=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || return 1
    read -r w u s <<<"$times"
    echo "$w $(calc "$u + $s")"
  }
  local durable=() settle
  run_vimport() {
    mkdir -p "$dir/home$r"
    t=$(timed env HOME="$dir/home$r" VMAILMGR_ETC="$VMAILMGR_ETC" "$TOP/vimport" --quiet \
      --passwd="$dir/passwd" --spool="$dir/spool" pop3d example.test) || fail "vimport failed"
    read -r w u <<<"$t"
    ours+=("$w"); our_cpu+=("$u")
  }
  run_mb2md() {
    t=$(timed mb2md -s "$dir/spool/joe" -d "$dir/mb2md$r") || fail "mb2md failed"
    read -r w u <<<"$t"
    theirs+=("$w"); their_cpu+=("$u")
    # mb2md leaves its Maildir in the page cache; vimport's time includes
    # making it durable. The same point for mb2md: its run plus a sync.
    settle=$( { TIMEFORMAT=%R; time sync -f "$dir/mb2md$r" >/dev/null 2>&1; } 2>&1 )
    durable+=("$(calc "$w + $settle")")
  }
  for r in $(seq "$rounds"); do
    step "figure 7: round $r/$rounds"
    # Alternating who goes first: whatever state the disk is in (ext4
    # without a journal walks past every inode freed in the last minutes
    # when it allocates one) falls on both sides alike.
    if [ $((r % 2)) = 1 ]; then run_vimport; run_mb2md; else run_mb2md; run_vimport; fi
    count=$(ls "$dir/home$r/users/joe/cur" | wc -l)
    [ "$(ls "$dir/mb2md$r/cur" | wc -l)" = "$count" ] || fail "vimport and mb2md made different counts"
    ratio+=("$(calc "${theirs[-1]} / ${ours[-1]}")")
    cpu_ratio+=("$(calc "${their_cpu[-1]} / ${our_cpu[-1]}")")
  done
  figure "7 messages/s converting a $megabytes MB mbox ($count messages), vimport ÷ mb2md" \
    "$(stats_of "${ratio[@]}")" '>=' 5 ''
  note "vimport $(range_of "$(stats_of "${ours[@]}")") s, mb2md $(range_of "$(stats_of "${theirs[@]}")") s on the disk"
  note "to a durable Maildir, against mb2md + sync -f: $(range_of "$(for i in "${!durable[@]}"; do echo "$(calc "${durable[$i]} / ${ours[$i]}")"; done | stats)"); mb2md + sync $(range_of "$(stats_of "${durable[@]}")") s"
  note "CPU (user+sys): vimport $(range_of "$(stats_of "${our_cpu[@]}")") s, mb2md $(range_of "$(stats_of "${their_cpu[@]}")") s: ratio $(range_of "$(stats_of "${cpu_ratio[@]}")")"
  # The same once more on a tmpfs private to the namespace, after the
  # disk rounds' last gigabyte is written back (the kernel's writeback
  # would otherwise run on the same cores meanwhile).
  local tmp=$dir/tmpfs
  mkdir -p "$tmp"
  sync
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
