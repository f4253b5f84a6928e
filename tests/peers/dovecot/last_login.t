# Last login through a real Dovecot 2.3 POP3 login (passdb checkpassword =
# checkvpw, userdb prefetch; SPEC §20): the login stamps
# ~vmtbase/last-login/joe as vmtbase, a wrong password does not, and
# listvdomain --last-login shows the time Dovecot's login left there.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
source "$TOP/tests/dovecot.sh"
need curl
dovecot_need
world_init
echo '127.0.0.1:example.test' > "$T/vmetc/ip-domains"
LL=$BASE_HOME/last-login

dovecot_config "$T/dovecot" "$CHECKVPW" prefetch
dovecot_start in_sandbox
trap dovecot_stop EXIT
POP=pop3://127.0.0.1:$DOVECOT_POP3_PORT

run curl -sS --max-time 20 --user "joe@example.test:wrong" "$POP/"
[ "$rc" = 0 ] && fail "a wrong password logged in"
[ -e "$LL" ] && fail "a refused login made $LL"

before=$(date +%s)
run curl -sS --max-time 20 --user "joe@example.test:joe-secret" "$POP/"
expect_rc 0 "POP3 login (log: $(dovecot_log | tail -n 5))"
after=$(date +%s)
[ -f "$LL/joe" ] || fail "no $LL/joe after a Dovecot login (log: $(dovecot_log | tail -n 5))"
expect_eq "$(stat -c '%u %g %a' "$LL" "$LL/joe" | tr '\n' ' ')" "2901 2901 700 2901 2901 600 " \
  "owner and mode of the directory and the file"
t=$(stat -c %Y "$LL/joe")
[ "$t" -ge "$before" ] && [ "$t" -le "$after" ] || fail "time $t not within $before-$after"

touch -h -d @1800000000 "$LL/joe"
run curl -sS --max-time 20 --user "joe:wrong-again" "$POP/"
[ "$rc" = 0 ] && fail "a wrong password logged in"
expect_eq "$(stat -c %Y "$LL/joe")" 1800000000 "a refused login moved the time"

run in_sandbox setpriv --reuid 2901 --regid 2901 --init-groups \
  env -i HOME="$BASE_HOME" VMAILMGR_ETC="$T/vmetc" TZ=UTC "$TOP/listvdomain" -l joe ann
expect_rc 0 "listvdomain -l"
expect_out "User Mailbox Last-Login Aliases
joe Yes 2027-01-15T08:00:00+00:00
ann Yes never"

# The same through IMAP with the login form Dovecot passes without "@".
before=$(date +%s)
run curl -sS --max-time 20 --user "joe:joe-secret" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/"
expect_rc 0 "IMAP login"
[ "$(stat -c %Y "$LL/joe")" -ge "$before" ] || fail "the IMAP login was not recorded"
dovecot_log | grep -q 'warning' && fail "checkvpw warned: $(dovecot_log | grep warning)"
dovecot_stop
exit 0
