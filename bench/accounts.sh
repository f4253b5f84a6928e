# Figure 5: adding accounts. 5a: vaddusers --hashed, "NAME HASH" lines
# (ready yescrypt hashes, as when moving a domain), real Maildirs and one
# table rewrite, into a fresh domain on the disk, ÷ bench/mkdir_loop making
# the same 400 000 directories (and one syncfs) right after on the same disk. The same batch into a
# domain on a tmpfs is printed under it: the difference is the disk file
# system's own cost of 400 000 mkdir(2)s (four per Maildir). vaddusers with
# plaintext passwords is bound by yescrypt; its cost per line is printed too.
# 5b: one vadduser --password=HASH into the huge domain of figure 1.
bench_accounts() {
  local count=$1 sample=$2 rounds=$3 big=$4
  step "figure 5: vaddusers"
  local r uid home t floor times=() floors=() ratios=() tmpfs_times=() per_line=()
  awk -v n="$count" -v hash="$HASH" 'BEGIN { for (i = 0; i < n; i++) printf "a%07d %s\n", i, hash }' \
    > "$T/add-hashed"
  awk -v n="$sample" -v pw="$PASSWORD" 'BEGIN { for (i = 0; i < n; i++) printf "p%07d %s\n", i, pw }' \
    > "$T/add-plain"
  chmod 0644 "$T/add-hashed" "$T/add-plain"
  for r in $(seq "$rounds"); do
    step "figure 5: round $r/$rounds"
    uid=$((2980 + r))
    home=$T/home/vmbadd$r
    bench_user "vmbadd$r" "$uid"
    t=$(timed as_user "$uid" env HOME="$home" VMAILMGR_ETC="$VMAILMGR_ETC" \
      "$TOOLS/bench_time" -n 1 -w 0 -i "$T/add-hashed" "$TOP/vaddusers" --hashed --quiet) ||
      fail "vaddusers --hashed failed"
    times+=("$(calc "$t / 1000000")")
    expect_eq "$(ls "$home/users" | wc -l)" "$count" "Maildirs made by vaddusers --hashed"
    # The floor, right after on the same disk: the same directories by a bare loop.
    bench_user "vmbloop$r" "$((uid + 100))"
    floor=$(timed as_user "$((uid + 100))" "$TOOLS/bench_time" -n 1 -w 0 \
      "$TOP/obj/bench/mkdir_loop" "$T/home/vmbloop$r/users" "$count") || fail "mkdir_loop failed"
    floors+=("$(calc "$floor / 1000000")")
    ratios+=("$(calc "$t / $floor")")
    t=$(timed as_user "$uid" env HOME="$home" VMAILMGR_ETC="$VMAILMGR_ETC" \
      "$TOOLS/bench_time" -n 1 -w 0 -i "$T/add-plain" "$TOP/vaddusers" --quiet) ||
      fail "vaddusers failed"
    per_line+=("$(calc "$t / $sample / 1000")")
    # The same batch into a home on a fresh tmpfs (private to the namespace).
    home=$T/home/vmbaddtmpfs$r
    mkdir -p "$home"
    t=$(in_sandbox bash -c 'mount -t tmpfs -o size=2g,mode=0750 vmbtmpfs "$1" && chown "$2:$2" "$1" &&
        exec setpriv --reuid="$2" --regid="$2" --init-groups env HOME="$1" VMAILMGR_ETC="$VMAILMGR_ETC" \
          "$TOOLS/bench_time" -n 1 -w 0 -i "$T/add-hashed" "$TOP/vaddusers" --hashed --quiet' \
        tmpfs "$home" "$uid") || fail "vaddusers --hashed on a tmpfs failed"
    tmpfs_times+=("$(median_of "$t")")
    rmdir "$home"
  done
  figure "5a vaddusers --hashed, $count accounts / the same mkdirs in a loop" \
    "$(stats_of "${ratios[@]}")" '<=' 1.3 ""
  note "vaddusers --hashed $(range_of "$(stats_of "${times[@]}")") s; bench/mkdir_loop $(range_of "$(stats_of "${floors[@]}")") s"
  local tf pl
  tf=$(for t in "${tmpfs_times[@]}"; do calc "$t / 1000000"; echo; done | stats)
  note "the same into a home on a tmpfs: $(range_of "$tf") s; the rest is the disk file system's mkdir(2)"
  pl=$(stats_of "${per_line[@]}")
  note "vaddusers with plaintext passwords ($sample lines, yescrypt each): $(range_of "$pl") ms per line"
  # Only now, after the figure is printed: on an ext4 without a journal,
  # inodes freed moments ago are skipped one by one when new ones are
  # allocated, which would bill this clean-up to the next round; and removing
  # millions of directories can take longer than making them.
  rm -rf "$T"/home/vmbadd[0-9]* "$T"/home/vmbloop[0-9]*

  step "figure 5: vadduser into $big accounts"
  local add=()
  for r in $(seq "$rounds"); do
    t=$(timed as_user 2971 env HOME="$T/home/vmbbig" VMAILMGR_ETC="$VMAILMGR_ETC" \
      "$TOOLS/bench_time" -n 1 -w 0 "$TOP/vadduser" --quiet "--password=$HASH" "new$r") ||
      fail "vadduser into the big domain failed"
    add+=("$(calc "$t / 1000000")")
  done
  figure "5b vadduser into a domain of $big accounts" \
    "$(stats_of "${add[@]}")" '<=' 1 s
}
