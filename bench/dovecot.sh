# Figure 2: IMAP logins per second through a real Dovecot 2.3 whose passdb
# is checkvpw (checkpassword driver, userdb prefetch) / the same Dovecot
# with its own passwd-file passdb and userdb. Both hold the same accounts
# with the same yescrypt hash ("{CRYPT}$y$..." for passwd-file, which
# Dovecot checks with libcrypt's crypt()). Dovecot's auth cache is off
# (its default), so every login checks the hash.
bench_dovecot() {
  local users=$1 rounds=$2 logins=$3 concurrency=2 active=20 home=$T/home/vmbdove
  step "figure 2: $users accounts for Dovecot"
  bench_user vmbdove 2973
  local names=() i
  for i in $(seq 0 $((active - 1))); do names+=("$(printf 'u%07d' "$i")"); done
  "$TOOLS/bench_mktable" "$home" "$users" "$HASH" "${names[@]}" || fail "bench_mktable"
  chown -R 2973:2973 "$home"
  awk -v n="$users" -v hash="$HASH" -v home="$home" 'BEGIN {
      for (i = 0; i < n; i++) {
        name = sprintf("u%07d", i)
        printf "%s@dove.bench:{CRYPT}%s:2973:2973::%s/users/%s::userdb_mail=maildir:%s/users/%s\n",
          name, hash, home, name, home, name
      }
    }' > "$T/dovecot-users"
  chmod 0644 "$T/dovecot-users"

  dovecot_config "$T/dove-cvw" "$TOP/checkvpw" prefetch
  local cvw_port=$DOVECOT_IMAP_PORT
  dovecot_start in_sandbox
  DOVE_CVW_PIDS="$DOVECOT_PID:$DOVECOT_RUNNER_PID"
  # The second instance: the same file with the passdb/userdb blocks replaced.
  dovecot_config "$T/dove-file" "$TOP/checkvpw" prefetch
  local file_port=$DOVECOT_IMAP_PORT
  awk '/^(passdb|userdb) \{/ { skip = 1 } !skip { print } skip && /^\}/ { skip = 0 }' \
    "$T/dove-file/dovecot.conf" > "$T/dove-file/conf.tmp"
  cat >> "$T/dove-file/conf.tmp" <<CONF
passdb {
  driver = passwd-file
  args = scheme=CRYPT username_format=%u $T/dovecot-users
}
userdb {
  driver = passwd-file
  args = username_format=%u $T/dovecot-users
}
CONF
  mv "$T/dove-file/conf.tmp" "$T/dove-file/dovecot.conf"
  DOVECOT_PID= DOVECOT_RUNNER_PID=
  dovecot_start in_sandbox
  DOVE_FILE_PIDS="$DOVECOT_PID:$DOVECOT_RUNNER_PID"

  local logins_at=() r cvw file ratios=()
  for i in "${names[@]}"; do logins_at+=("$i@dove.bench"); done
  # One warm-up each: the first login loads the passwd-file, starts processes.
  python3 "$TOP/bench/imap_logins.py" "$cvw_port" "$PASSWORD" 4 2 "${logins_at[@]}" >/dev/null ||
    { dovecot_log_of "$T/dove-cvw"; fail "logins through checkvpw failed"; }
  python3 "$TOP/bench/imap_logins.py" "$file_port" "$PASSWORD" 4 2 "${logins_at[@]}" >/dev/null ||
    { dovecot_log_of "$T/dove-file"; fail "logins through passwd-file failed"; }
  for r in $(seq "$rounds"); do
    step "figure 2: round $r/$rounds"
    cvw=$(python3 "$TOP/bench/imap_logins.py" "$cvw_port" "$PASSWORD" "$logins" \
      "$concurrency" "${logins_at[@]}") || fail "logins through checkvpw failed"
    file=$(python3 "$TOP/bench/imap_logins.py" "$file_port" "$PASSWORD" "$logins" \
      "$concurrency" "${logins_at[@]}") || fail "logins through passwd-file failed"
    ratios+=("$(calc "$cvw / $file")")
    step "  checkvpw $cvw/s passwd-file $file/s"
  done
  figure "2  Dovecot IMAP logins/s, checkvpw / passwd-file ($users users)" \
    "$(stats_of "${ratios[@]}")" '>=' 1.0 ""
  note "last round: checkvpw $cvw logins/s, passwd-file $file logins/s ($concurrency clients)"
  bench_dovecot_stop
}

dovecot_log_of() { tail -n 20 "$1/dovecot.log" "$1/stdout.log" >&2 2>/dev/null; }

# Both instances: each master by pid, then its runner (tests/dovecot.sh).
bench_dovecot_stop() {
  local pids
  for pids in ${DOVE_CVW_PIDS:-} ${DOVE_FILE_PIDS:-}; do
    DOVECOT_PID=${pids%%:*} DOVECOT_RUNNER_PID=${pids#*:}
    dovecot_stop
  done
  DOVE_CVW_PIDS= DOVE_FILE_PIDS=
}
