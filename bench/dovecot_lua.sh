# Figures 9 and 10: IMAP logins per second through vmailmgr's Lua glue
# (dovecotvpw.lua: passdb lua + userdb prefetch) / the same Dovecot with its
# own passwd-file passdb and userdb, 100 000 users each, the same yescrypt
# hash on both sides. 8: Dovecot 2.4.4 built from ../shared/peers/dovecot-2.4
# (skipped, with a note, where it is not built); 9: Debian 12's Dovecot 2.3
# with dovecot-auth-lua. The domain is figure 2's (vmbdove, dove.bench).
bench_dovecot_lua() {
  local version=$1 users=$2 rounds=$3 logins=$4 concurrency=2 active=20 home=$T/home/vmbdove
  local fig=10 label="2.3 Lua"
  [ "$version" = 2.4 ] && fig=9 label="2.4 Lua"
  if [ "$version" = 2.4 ]; then
    source "$TOP/tests/dovecot24.sh"
    if ! (dovecot24_need) >/dev/null 2>&1; then
      note "figure $fig skipped: no Dovecot 2.4 build (run ../shared/peers/dovecot-2.4/build --install-deps /var/tmp/dovecot-2.4.4)"
      return 0
    fi
    dovecot24_need
  else
    [ -e /usr/lib/dovecot/modules/auth/libauthdb_lua.so ] ||
      { note "figure $fig skipped: dovecot-auth-lua is not installed"; return 0; }
    DOVECOT_BIN=/usr/sbin/dovecot
  fi
  step "figure $fig: $users accounts for Dovecot $version"
  if [ ! -s "$home/passwd.cdb" ] || [ "$(cat "$T/dove-users-n" 2>/dev/null)" != "$users" ]; then
    grep -q "^vmbdove:" "$T/etc/passwd" || bench_user vmbdove 2973
    local names=() i
    for i in $(seq 0 $((active - 1))); do names+=("$(printf 'u%07d' "$i")"); done
    "$TOOLS/bench_mktable" "$home" "$users" "$HASH" "${names[@]}" || fail "bench_mktable"
    chown -R 2973:2973 "$home"
    echo "$users" > "$T/dove-users-n"
  fi
  local mailfields="userdb_mail=maildir:$home/users/NAME"
  [ "$version" = 2.4 ] && mailfields="userdb_mail_driver=maildir userdb_mail_path=$home/users/NAME"
  awk -v n="$users" -v hash="$HASH" -v home="$home" -v mf="$mailfields" 'BEGIN {
      for (i = 0; i < n; i++) {
        name = sprintf("u%07d", i); f = mf; gsub("NAME", name, f)
        printf "%s@dove.bench:{CRYPT}%s:2973:2973::%s/users/%s::%s\n", name, hash, home, name, f
      }
    }' > "$T/dovecot-users-$version"
  chmod 0644 "$T/dovecot-users-$version"

  local lua_port file_port
  if [ "$version" = 2.4 ]; then
    dovecot24_config "$T/dove-lua-$version" "$TOP/dovecotvpw.lua"
  else
    dovecot_lua_config "$T/dove-lua-$version" "$TOP/dovecotvpw.lua"
  fi
  lua_port=$DOVECOT_IMAP_PORT
  dovecot_start in_sandbox
  DOVE_CVW_PIDS="$DOVECOT_PID:$DOVECOT_RUNNER_PID"
  # The passwd-file instance: the same file, its passdb/userdb blocks replaced.
  if [ "$version" = 2.4 ]; then
    dovecot24_config "$T/dove-file-$version" "$TOP/dovecotvpw.lua"
  else
    dovecot_lua_config "$T/dove-file-$version" "$TOP/dovecotvpw.lua"
  fi
  file_port=$DOVECOT_IMAP_PORT
  awk '/^(passdb|userdb)( [a-z-]+)? \{/ { skip = 1 } !skip { print } skip && /^\}/ { skip = 0 }' \
    "$T/dove-file-$version/dovecot.conf" > "$T/dove-file-$version/conf.tmp"
  if [ "$version" = 2.4 ]; then
    cat >> "$T/dove-file-$version/conf.tmp" <<CONF
passdb passwd-file {
  passwd_file_path = $T/dovecot-users-$version
  default_password_scheme = CRYPT
}
userdb passwd-file {
  passwd_file_path = $T/dovecot-users-$version
}
CONF
  else
    cat >> "$T/dove-file-$version/conf.tmp" <<CONF
passdb {
  driver = passwd-file
  args = scheme=CRYPT username_format=%u $T/dovecot-users-$version
}
userdb {
  driver = passwd-file
  args = username_format=%u $T/dovecot-users-$version
}
CONF
  fi
  mv "$T/dove-file-$version/conf.tmp" "$T/dove-file-$version/dovecot.conf"
  DOVECOT_PID= DOVECOT_RUNNER_PID=
  dovecot_start in_sandbox
  DOVE_FILE_PIDS="$DOVECOT_PID:$DOVECOT_RUNNER_PID"

  local logins_at=() r lua file ratios=() i lua_cpu=() file_cpu=() before
  local lua_master=${DOVE_CVW_PIDS%%:*} file_master=${DOVE_FILE_PIDS%%:*}
  for i in $(seq 0 $((active - 1))); do logins_at+=("$(printf 'u%07d' "$i")@dove.bench"); done
  python3 "$TOP/bench/imap_logins.py" "$lua_port" "$PASSWORD" 4 2 "${logins_at[@]}" >/dev/null ||
    { dovecot_log_of "$T/dove-lua-$version"; fail "logins through dovecotvpw.lua ($version) failed"; }
  python3 "$TOP/bench/imap_logins.py" "$file_port" "$PASSWORD" 4 2 "${logins_at[@]}" >/dev/null ||
    { dovecot_log_of "$T/dove-file-$version"; fail "logins through passwd-file ($version) failed"; }
  for r in $(seq "$rounds"); do
    step "figure $fig: round $r/$rounds"
    before=$(cpu_ms "$lua_master")
    lua=$(python3 "$TOP/bench/imap_logins.py" "$lua_port" "$PASSWORD" "$logins" \
      "$concurrency" "${logins_at[@]}") || fail "logins through dovecotvpw.lua failed"
    lua_cpu+=("$(calc "($(cpu_ms "$lua_master") - $before) / $logins")")
    before=$(cpu_ms "$file_master")
    file=$(python3 "$TOP/bench/imap_logins.py" "$file_port" "$PASSWORD" "$logins" \
      "$concurrency" "${logins_at[@]}") || fail "logins through passwd-file failed"
    file_cpu+=("$(calc "($(cpu_ms "$file_master") - $before) / $logins")")
    ratios+=("$(calc "$lua / $file")")
    step "  lua $lua/s passwd-file $file/s; Dovecot CPU per login: lua ${lua_cpu[-1]} ms, passwd-file ${file_cpu[-1]} ms"
  done
  figure "$fig  Dovecot $label IMAP logins/s, dovecotvpw.lua / passwd-file ($users users)" \
    "$(stats_of "${ratios[@]}")" '>=' 1.0 ""
  note "last round: dovecotvpw.lua $lua logins/s, passwd-file $file logins/s ($concurrency clients)"
  note "CPU of all of Dovecot (with the helpers it ran) per login, ms:" \
    "dovecotvpw.lua $(range_of "$(stats_of "${lua_cpu[@]}")")," \
    "passwd-file $(range_of "$(stats_of "${file_cpu[@]}")"); load $(cut -d' ' -f1-3 /proc/loadavg)"
  bench_dovecot_stop
  DOVECOT_BIN=
}
