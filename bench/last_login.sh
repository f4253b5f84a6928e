# Figure 11: what recording the last login costs a login (SPEC §20):
# checkvpw login time (fork, exec, check, stamp, exec true) with
# record-last-login 1 ÷ with record-last-login 0, the same account of a
# 10-account domain. Many short rounds, the side measured first switching
# each round, and each side's fastest run of a round compared: the
# machine's noise (other jobs stealing the 2 cores) is far larger than the
# few microseconds measured, and only ever adds time.
bench_last_login() {
  local rounds=$1 runs=$2
  step "figure 11: last-login recording"
  bench_user vmblast 2974
  "$TOOLS/bench_mktable" "$T/home/vmblast" 10 "$HASH" u0000005 || fail "bench_mktable"
  chown -R 2974:2974 "$T/home/vmblast"
  echo last.bench:vmblast >> "$T/qmail/control/virtualdomains"
  printf '%s\0%s\0\0' u0000005@last.bench "$PASSWORD" > "$T/req-last"
  # login SETTING: the fastest of $runs logins with record-last-login SETTING.
  login() {
    echo "$1" > "$VMAILMGR_ETC/record-last-login"
    in_sandbox "$TOOLS/bench_time" -n "$runs" -3 "$T/req-last" "$TOP/checkvpw" /bin/true |
      awk '{ print $2 }'
  }
  local ratios=() r on_t off_t
  for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 0 ]; then
      off_t=$(login 0) && on_t=$(login 1) || fail "checkvpw login failed"
    else
      on_t=$(login 1) && off_t=$(login 0) || fail "checkvpw login failed"
    fi
    [ -n "$on_t" ] && [ -n "$off_t" ] || fail "checkvpw login failed"
    ratios+=("$(calc "$on_t / $off_t")")
    step "figure 11: round $r/$rounds: recording ${on_t}us, not recording ${off_t}us"
  done
  [ -f "$T/home/vmblast/last-login/u0000005" ] || fail "the logins were not recorded"
  rm -f "${VMAILMGR_ETC:?}/record-last-login"
  figure "11 checkvpw login, last login recorded / not recorded" \
    "$(stats_of "${ratios[@]}")" '<=' 1.02 ""
  note "last round, fastest of $runs logins each: recording ${on_t} us, not recording ${off_t} us"
}
