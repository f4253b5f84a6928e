# Figure 12: recipient lookups per second, as Postfix asks them at RCPT time,
# in the huge domain of figure 1. vsocketmap as Postfix's socketmap client
# uses it: one connection (a socketpair, what unixserver hands it), one
# request at a time, each reply read before the next request. Against it,
# Postfix's own hash: map of the same addresses (address -> vmbbig+ACCOUNT,
# built with postmap) asked with "postmap -q KEY", one process a key. The
# keys, the same for every side: half accounts picked at random, half
# unknown local parts of big.bench, alternating. Printed under it, the
# honest other side: "postmap -q -" (every key on stdin, one process), which
# reads the map in-process as smtpd itself does, and the time postmap takes
# to build the map, which vsocketmap never needs.
bench_socketmap() {
  local big=$1 nkeys=$2 nloop=$3 rounds=$4
  local postmap=/usr/sbin/postmap conf=$T/postfix-etc
  [ -x "$postmap" ] || fail "figure 12 needs Postfix's postmap ($postmap; apt-get install postfix)"
  bench_big_domain "$big"
  step "figure 12: $nkeys keys, a hash map of $big addresses"
  awk -v n="$nkeys" -v big="$big" 'BEGIN {
      srand(6)
      for (i = 0; i < n; i++)
        if (i % 2) printf "x%07d@big.bench\n", i
        else printf "u%07d@big.bench\n", int(rand() * big)
    }' > "$T/map-keys"
  head -n "$nloop" "$T/map-keys" > "$T/map-keys-loop"
  # postmap's own configuration directory: the host may have no main.cf.
  mkdir -p "$conf"
  echo 'compatibility_level = 3.6' > "$conf/main.cf"
  awk -v n="$big" 'BEGIN { for (i = 0; i < n; i++) printf "u%07d@big.bench vmbbig+u%07d\n", i, i }' \
    > "$T/map-virtual"
  local t0=$EPOCHREALTIME
  "$postmap" -c "$conf" "hash:$T/map-virtual" || fail "postmap could not build the hash map"
  local build
  build=$(calc "$EPOCHREALTIME - $t0")

  local hits=$(( (nkeys + 1) / 2 )) loop_hits=$(( (nloop + 1) / 2 ))
  local r sm each batch ratios=() batch_ratios=() sms=() eachs=() batches=()
  for r in $(seq "$rounds"); do
    step "figure 12: round $r/$rounds"
    sm=$(map_lookups "$hits" socketmap "$T/map-keys" virtual "$TOP/vsocketmap" virtual)
    each=$(map_lookups "$loop_hits" each "$T/map-keys-loop" "$postmap" -c "$conf" -q '{}' "hash:$T/map-virtual")
    batch=$(map_lookups "$hits" stdin "$T/map-keys" "$postmap" -c "$conf" -q - "hash:$T/map-virtual")
    sms+=("$sm"); eachs+=("$each"); batches+=("$batch")
    ratios+=("$(calc "$sm / $each")")
    batch_ratios+=("$(calc "$sm / $batch")")
    step "  vsocketmap $sm/s, postmap -q KEY $each/s, postmap -q - $batch/s"
  done
  figure "12 vsocketmap lookups/s, $big accounts / postmap -q KEY" \
    "$(stats_of "${ratios[@]}")" '>=' 1.0 ""
  note "lookups/s: vsocketmap $(range_of "$(stats_of "${sms[@]}")") ($nkeys keys, one connection);" \
    "postmap -q KEY $(range_of "$(stats_of "${eachs[@]}")") (the first $nloop keys, a process each)"
  note "extra: postmap -q - (all keys on stdin, one process) $(range_of "$(stats_of "${batches[@]}")")/s;" \
    "vsocketmap / that: $(range_of "$(stats_of "${batch_ratios[@]}")")"
  note "postmap building the hash map of $big addresses: $build s (vsocketmap needs no map)"
}

# map_lookups WANT MODE KEYS ARGS...: bench_lookups MODE KEYS ARGS... in the
# sandbox; prints the lookups per second (whole), fails unless WANT keys were found.
map_lookups() {
  local want=$1 mode=$2 keys=$3 out secs found
  out=$(in_sandbox "$TOOLS/bench_lookups" "$mode" "$keys" "${@:4}") || fail "bench_lookups $mode failed"
  read -r secs found _ <<<"$out"
  [ "$found" = "$want" ] || fail "bench_lookups $mode found $found of $(wc -l < "$keys") keys, not $want"
  awk -v n="$(wc -l < "$keys")" -v s="$secs" 'BEGIN { printf "%.0f", n / s }'
}
