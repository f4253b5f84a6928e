# Figure 8: IMAP logins per second through Courier-IMAP (Debian 12's
# imaplogin + imapd behind couriertcpd, unpacked as in the peer tests:
# tests/courier.sh) and courier-authlib's authdaemond with authvmailmgr as
# its authpipe program / the same with Courier's own authuserdb module
# (makeuserdb's GDBM file). Both hold the same accounts with the same
# yescrypt hash (userdb's systempw, which authlib checks with libcrypt's
# crypt()); both authdaemonds have 2 workers; each login is a fresh
# connection (connect, LOGIN, LOGOUT: Courier's imapd runs as the user
# after LOGIN, so one connection logs in once), from 2 clients.
bench_courier() {
  local users=$1 rounds=$2 logins=$3 concurrency=2 active=20 home=$T/home/vmbcour
  step "figure 8: $users accounts for Courier"
  bench_user vmbcour 2974
  echo cour.bench:vmbcour >> "$T/qmail/control/virtualdomains"
  local names=() i
  for i in $(seq 0 $((active - 1))); do names+=("$(printf 'u%07d' "$i")"); done
  "$TOOLS/bench_mktable" "$home" "$users" "$HASH" "${names[@]}" || fail "bench_mktable"
  chown -R 2974:2974 "$home"
  courier_need

  # authdaemond + authvmailmgr.
  courier_config "$T/cour-vmm" 2 authpipe
  courier_imap_need
  # imapd asks FAM after each login; without a server that is ~1.2 s of
  # retries, the same on both sides, which would hide what is measured.
  courier_debs gamin
  COURIER_GAM_SERVER=$COURIER_ROOT/usr/libexec/gam_server
  courier_start
  BENCH_COURIER_PIDS=$COURIER_PID
  courier_imap_start
  local vmm_port=$COURIER_IMAP_PORT vmm_dir=$COURIER_DIR

  # authdaemond + authuserdb, the same accounts and homes.
  courier_config "$T/cour-udb" 2 authuserdb
  courier_imap_need
  courier_userdb_need
  awk -v n="$users" -v hash="$HASH" -v home="$home" 'BEGIN {
      for (i = 0; i < n; i++) {
        name = sprintf("u%07d", i)
        printf "%s@cour.bench\tuid=2974|gid=2974|home=%s/users/%s|mail=%s/users/%s|systempw=%s\n",
          name, home, name, home, name, hash
      }
    }' > "$COURIER_DIR/etc/userdb"
  chmod 0600 "$COURIER_DIR/etc/userdb"
  "$COURIER_MAKEUSERDB" -f "$COURIER_DIR/etc/userdb" || fail "makeuserdb failed"
  courier_start
  BENCH_COURIER_PIDS="$BENCH_COURIER_PIDS $COURIER_PID"
  courier_imap_start
  local udb_port=$COURIER_IMAP_PORT udb_dir=$COURIER_DIR

  local logins_at=() r vmm udb ratios=() vmm_cpu=() udb_cpu=() before
  local vmm_daemon=${BENCH_COURIER_PIDS%% *} udb_daemon=${BENCH_COURIER_PIDS##* }
  for i in "${names[@]}"; do logins_at+=("$i@cour.bench"); done
  # One warm-up each: starts the authpipe programs, opens the GDBM file.
  python3 "$TOP/bench/imap_logins.py" "$vmm_port" "$PASSWORD" 4 2 "${logins_at[@]}" >/dev/null ||
    { COURIER_DIR=$vmm_dir courier_log | tail -n 20 >&2; fail "logins through authvmailmgr failed"; }
  python3 "$TOP/bench/imap_logins.py" "$udb_port" "$PASSWORD" 4 2 "${logins_at[@]}" >/dev/null ||
    { COURIER_DIR=$udb_dir courier_log | tail -n 20 >&2; fail "logins through authuserdb failed"; }
  for r in $(seq "$rounds"); do
    step "figure 8: round $r/$rounds"
    before=$(cpu_ms "$vmm_daemon")
    vmm=$(python3 "$TOP/bench/imap_logins.py" "$vmm_port" "$PASSWORD" "$logins" \
      "$concurrency" "${logins_at[@]}") || fail "logins through authvmailmgr failed"
    vmm_cpu+=("$(calc "($(cpu_ms "$vmm_daemon") - $before) / $logins")")
    before=$(cpu_ms "$udb_daemon")
    udb=$(python3 "$TOP/bench/imap_logins.py" "$udb_port" "$PASSWORD" "$logins" \
      "$concurrency" "${logins_at[@]}") || fail "logins through authuserdb failed"
    udb_cpu+=("$(calc "($(cpu_ms "$udb_daemon") - $before) / $logins")")
    ratios+=("$(calc "$vmm / $udb")")
    step "  authvmailmgr $vmm/s authuserdb $udb/s; authdaemond CPU per login: ${vmm_cpu[-1]} ms vs ${udb_cpu[-1]} ms"
  done
  figure "8  Courier IMAP logins/s, authvmailmgr / authuserdb ($users users)" \
    "$(stats_of "${ratios[@]}")" '>=' 1.0 ""
  note "last round: authvmailmgr $vmm logins/s, authuserdb $udb logins/s ($concurrency clients)"
  note "CPU of authdaemond (with its workers and authpipe programs) per login, ms:" \
    "authvmailmgr $(range_of "$(stats_of "${vmm_cpu[@]}")")," \
    "authuserdb $(range_of "$(stats_of "${udb_cpu[@]}")"); load $(cut -d' ' -f1-3 /proc/loadavg)"
  bench_courier_stop
}

# Both instances: every couriertcpd and each authdaemond by its process
# group, then courier_stop for the gam_servers (and its wait, which must
# come after both, or it waits for the other authdaemond).
bench_courier_stop() {
  local p
  for p in ${COURIER_TCPD_PIDS:-} ${BENCH_COURIER_PIDS:-}; do courier_stop_group "$p"; done
  COURIER_TCPD_PIDS= BENCH_COURIER_PIDS= COURIER_PID=
  courier_stop
  COURIER_GAM_SERVER=
}
