# Figure 5: adding accounts. vaddusers itself takes plaintext passwords and
# hashes each with yescrypt, so a 100 000-line batch is bound by libcrypt:
# it is timed on a sample and its per-line cost reported. "Pre-hashed" is
# timed with tests/tools/bench_addusers: vaddusers' own add_user_lines with
# the hash kept as given (real Maildirs, one real table rewrite). Then one
# vadduser --password=HASH into the huge domain of figure 1.
bench_accounts() {
  local count=$1 sample=$2 rounds=$3 big=$4
  step "figure 5: vaddusers"
  local r home t times=() per_line=() addu=()
  for r in $(seq "$rounds"); do
    step "figure 5: round $r/$rounds"
    home=$T/home/vmbadd$r
    bench_user "vmbadd$r" $((2980 + r))
    awk -v n="$count" -v hash="$HASH" 'BEGIN { for (i = 0; i < n; i++) printf "a%07d %s\n", i, hash }' \
      > "$T/add-hashed"
    chmod 0644 "$T/add-hashed"
    t=$(timed as_user $((2980 + r)) env HOME="$home" VMAILMGR_ETC="$VMAILMGR_ETC" \
      "$TOOLS/bench_time" -n 1 -w 0 -i "$T/add-hashed" "$TOOLS/bench_addusers") ||
      fail "bench_addusers failed"
    times+=("$(calc "$t / 1000000")")
    # The real vaddusers on a sample, plaintext passwords (yescrypt each).
    awk -v n="$sample" -v pw="$PASSWORD" 'BEGIN { for (i = 0; i < n; i++) printf "p%07d %s\n", i, pw }' \
      > "$T/add-plain"
    chmod 0644 "$T/add-plain"
    t=$(timed as_user $((2980 + r)) env HOME="$home" VMAILMGR_ETC="$VMAILMGR_ETC" \
      "$TOOLS/bench_time" -n 1 -w 0 -i "$T/add-plain" "$TOP/vaddusers" --quiet) ||
      fail "vaddusers failed"
    per_line+=("$(calc "$t / $sample / 1000")")
    rm -rf "$home"
  done
  figure "5a vaddusers-equivalent, $count accounts, pre-hashed" \
    "$(printf '%s\n' "${times[@]}" | stats)" '<=' 3 s
  local pl
  pl=$(printf '%s\n' "${per_line[@]}" | stats)
  note "vaddusers itself ($sample plaintext lines into a domain of $count): $(median_of "$pl") ms per line" \
    "($pl) -> about $(calc "$(median_of "$pl") * 100") s for 100000 lines; no pre-hashed input exists"

  step "figure 5: vadduser into $big accounts"
  local add=()
  for r in $(seq "$rounds"); do
    t=$(timed as_user 2971 env HOME="$T/home/vmbbig" VMAILMGR_ETC="$VMAILMGR_ETC" \
      "$TOOLS/bench_time" -n 1 -w 0 "$TOP/vadduser" --quiet "--password=$HASH" "new$r") ||
      fail "vadduser into the big domain failed"
    add+=("$(calc "$t / 1000000")")
  done
  figure "5b vadduser into a domain of $big accounts" \
    "$(printf '%s\n' "${add[@]}" | stats)" '<=' 1 s
}
