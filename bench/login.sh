# Figure 1: checkvpw login time in a huge domain / in a 10-account domain
# (same hash, yescrypt at libcrypt's default cost, for every account of
# both), and checkvpw against a minimal program doing the same system work.
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
  # 1b: a cheap hash (MD5-crypt) and rehash-on-login 0, so what is left is
  # checkvpw's own work, against bench/minimal_login doing the same fork,
  # getpwnam calls, crypt and exec with nothing else.
  local cheap
  cheap=$(openssl passwd -1 -salt benchslt "$PASSWORD") || fail "openssl passwd -1"
  bench_user vmbcheap 2975
  "$TOOLS/bench_mktable" "$T/home/vmbcheap" 10 "$cheap" u0000005 || fail "bench_mktable"
  mkdir -p "$T/home/vmbcheap/.vmailmgr"
  echo 0 > "$T/home/vmbcheap/.vmailmgr/rehash-on-login"
  chown -R 2975:2975 "$T/home/vmbcheap"
  printf '%s\0%s\0\0' u0000005@cheap.bench "$PASSWORD" > "$T/req-cheap"
  echo cheap.bench:vmbcheap >> "$T/qmail/control/virtualdomains"
  local ratios=() own=() files_own=() r big_t small_t cheap_t floor_t files_t files_floor_t
  local files_ns='mount --bind "$T/nsswitch-files" /etc/nsswitch.conf && exec "$@"'
  for r in $(seq "$rounds"); do
    step "figure 1: round $r/$rounds"
    small_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$runs" -3 "$T/req-small" \
      "$TOP/checkvpw" /bin/true) || fail "checkvpw login (small domain) failed"
    big_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$runs" -3 "$T/req-big" \
      "$TOP/checkvpw" /bin/true) || fail "checkvpw login (big domain) failed"
    cheap_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$((runs * 5))" -3 "$T/req-cheap" \
      "$TOP/checkvpw" /bin/true) || fail "checkvpw login (cheap hash) failed"
    floor_t=$(timed in_sandbox "$TOOLS/bench_time" -n "$((runs * 5))" -3 "$T/req-cheap" \
      "$TOP/obj/bench/minimal_login" vmbcheap-u0000005 vmbcheap "$cheap" /bin/true) ||
      fail "minimal_login failed"
    files_t=$(timed in_sandbox bash -c "$files_ns" files-only "$TOOLS/bench_time" \
      -n "$((runs * 5))" -3 "$T/req-cheap" "$TOP/checkvpw" /bin/true) ||
      fail "checkvpw login (cheap hash, files-only NSS) failed"
    files_floor_t=$(timed in_sandbox bash -c "$files_ns" files-only "$TOOLS/bench_time" \
      -n "$((runs * 5))" -3 "$T/req-cheap" "$TOP/obj/bench/minimal_login" \
      vmbcheap-u0000005 vmbcheap "$cheap" /bin/true) || fail "minimal_login failed"
    ratios+=("$(calc "$big_t / $small_t")")
    own+=("$(calc "$cheap_t / $floor_t")")
    files_own+=("$(calc "$files_t / $files_floor_t")")
    step "  small ${small_t}us big ${big_t}us cheap ${cheap_t}us floor ${floor_t}us"
  done
  figure "1a checkvpw login, $big accounts / 10 accounts" \
    "$(stats_of "${ratios[@]}")" '<=' 1.05 ""
  figure "1b checkvpw login / minimal_login (MD5-crypt, rehash off)" \
    "$(stats_of "${own[@]}")" '<=' 1.2 ""
  note "1b with nsswitch.conf 'files' only: $(range_of "$(stats_of "${files_own[@]}")")"
  note "last round: checkvpw ${cheap_t} us, minimal_login ${floor_t} us (files-only NSS: ${files_t} vs ${files_floor_t} us); with yescrypt ${small_t} us"
}

# Figures 1c, 1d: checkvpw login time with control/virtualdomains and
# control/locals of N lines each ÷ with one line each, side by side; every
# qmail root has its own control-index directory (written by the warm-up
# login, once the files have settled; the figure fails without it).
bench_domains() {
  local small=$1 large=$2 rounds=$3 runs=$4 n r t
  step "figure 1c/1d: control files of 1, $small and $large domains"
  for n in 1 "$small" "$large"; do
    mkdir -p "$T/dom$n/qmail/control" "$T/dom$n/etc" "$T/dom$n/index"
    echo "$T/dom$n/qmail" > "$T/dom$n/etc/qmail-root"
    echo "$T/dom$n/index" > "$T/dom$n/etc/control-index"
    awk -v n="$n" 'BEGIN { for (i = 1; i < n; i++) printf "d%07d.bench:vmbd%07d\n", i, i
      print "small.bench:vmbsmall" }' > "$T/dom$n/qmail/control/virtualdomains"
    awk -v n="$n" 'BEGIN { for (i = 1; i < n; i++) printf "l%07d.bench\n", i; print "localhost" }' \
      > "$T/dom$n/qmail/control/locals"
  done
  sleep 3.5  # settled: the index is written only from text older than 3 s
  login_with() {  # login_with N RUNS: median microseconds
    timed in_sandbox env VMAILMGR_ETC="$T/dom$1/etc" "$TOOLS/bench_time" -n "$2" -3 "$T/req-small" \
      "$TOP/checkvpw" /bin/true
  }
  for n in 1 "$small" "$large"; do
    login_with "$n" 1 >/dev/null || fail "checkvpw login with $n domains failed"
    [ -f "$T/dom$n/index/control.cdb" ] || fail "no control index for $n domains"
  done
  local one mid big r1=() r2=()
  for r in $(seq "$rounds"); do
    step "figure 1c/1d: round $r/$rounds"
    one=$(login_with 1 "$runs") || fail "login (1 domain)"
    mid=$(login_with "$small" "$runs") || fail "login ($small domains)"
    big=$(login_with "$large" "$runs") || fail "login ($large domains)"
    r1+=("$(calc "$mid / $one")")
    r2+=("$(calc "$big / $one")")
    step "  1: ${one}us $small: ${mid}us $large: ${big}us"
  done
  figure "1c checkvpw login, $small domains and locals / 1" \
    "$(stats_of "${r1[@]}")" '<=' 1.05 ""
  figure "1d checkvpw login, $large domains and locals / 1" \
    "$(stats_of "${r2[@]}")" '<=' 1.10 ""
  note "last round: ${one} us with 1 domain, ${mid} us with $small, ${big} us with $large; index sizes $(du -h "$T/dom$small/index/control.cdb" "$T/dom$large/index/control.cdb" | awk '{ printf "%s ", $1 }')"
}
