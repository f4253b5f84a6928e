# Figure 1: checkvpw login time in a huge domain / in a 10-account domain,
# and checkvpw's own cost beyond one password hash. Same hash (yescrypt,
# libcrypt's default cost) for every account of both domains.
bench_login() {
  local big=$1 rounds=$2 runs=$3
  step "figure 1: tables of $big and 10 accounts"
  bench_big_domain "$big"
  bench_user vmbsmall 2972
  "$TOOLS/bench_mktable" "$T/home/vmbsmall" 10 "$HASH" u0000005 || fail "bench_mktable"
  chown -R 2972:2972 "$T/home/vmbsmall"
  printf '%s\0%s\0\0' u0000005@big.bench "$PASSWORD" > "$T/req-big"
  printf '%s\0%s\0\0' u0000005@small.bench "$PASSWORD" > "$T/req-small"
  # The same login with NSS reading the files only: getpwnam of the whole
  # name (SPEC §5 step 3) and initgroups otherwise also ask every other
  # module the host's nsswitch.conf lists (Debian 12: systemd).
  printf 'passwd: files\ngroup: files\nshadow: files\n' > "$T/nsswitch-files"
  local ratios=() overheads=() files_overheads=() r big_t small_t files_t hash_t warm_t
  for r in $(seq "$rounds"); do
    step "figure 1: round $r/$rounds"
    small_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$runs" -3 "$T/req-small" \
      "$TOP/checkvpw" /bin/true) || fail "checkvpw login (small domain) failed"
    big_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$runs" -3 "$T/req-big" \
      "$TOP/checkvpw" /bin/true) || fail "checkvpw login (big domain) failed"
    files_t=$(timed in_sandbox bash -c 'mount --bind "$T/nsswitch-files" /etc/nsswitch.conf && exec "$@"' \
      files-only "$TOOLS/bench_time" -n "$runs" -3 "$T/req-small" "$TOP/checkvpw" /bin/true) ||
      fail "checkvpw login (small domain, files-only NSS) failed"
    # A small program making one cold hash, then exec'ing true, as checkvpw does.
    hash_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$runs" "$TOOLS/bench_crypt" 0 "$HASH" \
      "$PASSWORD" /bin/true) || fail "bench_crypt failed"
    warm_t=$(timed "$TOOLS/bench_crypt" "$runs" "$HASH" "$PASSWORD") || fail "bench_crypt failed"
    ratios+=("$(calc "$big_t / $small_t")")
    overheads+=("$(calc "($small_t - $hash_t) / 1000")")
    files_overheads+=("$(calc "($files_t - $hash_t) / 1000")")
    step "  small ${small_t}us big ${big_t}us exec+hash ${hash_t}us warm hash ${warm_t}us"
  done
  figure "1a checkvpw login, $big accounts / 10 accounts" \
    "$(printf '%s\n' "${ratios[@]}" | stats)" '<=' 1.05 ""
  figure "1b checkvpw overhead beyond one hash (vs hash+exec only)" \
    "$(printf '%s\n' "${overheads[@]}" | stats)" '<=' 1 ms
  note "1b with nsswitch.conf 'files' only: $(range_of "$(printf '%s\n' "${files_overheads[@]}" | stats)") ms"
  note "last round: checkvpw login ${small_t} us; a program doing one cold yescrypt check then exec true ${hash_t} us; one warm check in a loop ${warm_t} us"
}
