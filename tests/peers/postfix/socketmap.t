# Unknown recipients refused at SMTP time by a real Postfix 3.7
# (tests/postfix.sh) asking vsocketmap, under tcpserver on the loopback, as
#   virtual_alias_maps = socketmap:inet:127.0.0.1:PORT:virtual
# (no hash map, no postmap): an account works at RCPT right after
# vadduser; an unknown or expired one (or joe+tag: an address with an
# extension is asked for whole) gets 550 at RCPT; an alias and the
# catch-all are accepted and reach joe's Maildir through ~vmbase/.forward,
# vdeliver and the forward; nothing accepted is bounced; a corrupt table
# gives 4xx at RCPT and mail flows again once it is repaired. Postfix and
# tcpserver are stopped by pid and nothing is left.
source "$TOP/tests/lib.sh"
source "$TOP/tests/mta.sh"  # and tests/postfix.sh
source "$TOP/tests/e2e/lookup_world.sh"  # req, lookup_serve, lookup_unserve
postfix_need
need tcpserver

mta_sandbox 2980 vaddalias vchattr vsocketmap
echo "virtual.example:$BASE" > "$T/qmail/control/virtualdomains"
chmod 644 "$T/qmail/control/virtualdomains"
mta_accounts joe eve
mkdir -p "$BHOME/.vmailmgr"  # no catch-all for now
echo none > "$BHOME/.vmailmgr/default-username"
chown -R "$BASE_UID:$BASE_UID" "$BHOME/.vmailmgr"
run vm vchattr --quiet -e 1000 eve
expect_rc 0 "vchattr eve"
run vm vaddalias --quiet sales joe
expect_rc 0 "vaddalias sales"
JOE=$BHOME/users/joe
mta_forward_vdeliver

port=$(tcp_port)
cleanup() { postfix_stop; lookup_unserve; }
trap cleanup EXIT
lookup_serve "$port" virtual
postfix_config "$T/postfix" "virtual_alias_maps = socketmap:inet:127.0.0.1:$port:virtual"
postfix_start

# message ID RCPT: a message file $T/msg-ID to RCPT.
message() {
  printf 'From: Alice <alice@remote.example>\nTo: %s\nDate: Thu, 22 Nov 2026 02:48:00 +0000\nMessage-ID: <%s@remote.example>\nSubject: %s\n\nHello.\n' \
    "$2" "$1" "$1" > "$T/msg-$1"
}
# send ID RCPT...: one SMTP transaction from sender@mx.example (bounces go
# to sender's Maildir); the replies in $out.
send() {
  local id=$1; shift
  message "$id" "$1"
  run postfix_send sender@mx.example "$T/msg-$id" "$@"
}
# in_joe ID: joe's new/ holds exactly one message, the one with ID; it is removed.
in_joe() {
  postfix_wait_queue_empty
  local f n
  n=$(count_in "$JOE/new")
  [ "$n" = 1 ] || fail "joe's new/ holds $n files after $1: $(files_in "$JOE/new") (log: $(postfix_log | tail -n 20))"
  f=$JOE/new/$(files_in "$JOE/new")
  grep -q "^Message-ID: <$1@remote.example>" "$f" || fail "joe's message is not $1: $(head -n 12 "$f")"
  rm -f "$f"
}

# 1. A new account: 550 before vadduser, accepted and delivered right after.
send before fresh@virtual.example
expect_rc 1 "fresh before vadduser"
expect_out $'MAIL 250\nRCPT fresh@virtual.example 550\nDATA -' "fresh before vadduser"
grep -q 'RCPT TO:<fresh@virtual.example>: 550 5.1.1 ' <<<"$err" || fail "550 5.1.1 for fresh: $err"
run_in $'fresh-secret\n' vm vadduser --quiet fresh
expect_rc 0 "vadduser fresh"
send after fresh@virtual.example
expect_rc 0 "fresh after vadduser ($err)"
expect_out $'MAIL 250\nRCPT fresh@virtual.example 250\nDATA 250' "fresh after vadduser"
postfix_wait_queue_empty
f=$(files_in "$BHOME/users/fresh/new")
[ "$(count_in "$BHOME/users/fresh/new")" = 1 ] || fail "fresh's new/: $f"
grep -q '^Delivered-To: vmbase+fresh@mx.example$' "$BHOME/users/fresh/new/$f" || fail "fresh's copy"

# 2. An account; unknown and expired ones refused at RCPT, in one transaction.
# Postfix asks for an address with an extension whole (a socketmap table
# gets no partial keys): joe+tag is an account of its own, as for vdeliver.
send joe-1 joe@virtual.example nobody@virtual.example eve@virtual.example Joe@Virtual.Example \
  joe+tag@virtual.example
expect_rc 0 "joe ($err)"
expect_out $'MAIL 250\nRCPT joe@virtual.example 250\nRCPT nobody@virtual.example 550\nRCPT eve@virtual.example 550\nRCPT Joe@Virtual.Example 250\nRCPT joe+tag@virtual.example 550\nDATA 250' "joe, nobody, eve, joe+tag"
postfix_wait_queue_empty
# Joe@Virtual.Example and joe@virtual.example are one recipient for Postfix.
n=$(count_in "$JOE/new")
[ "$n" -ge 1 ] || fail "nothing for joe"
for g in $(files_in "$JOE/new"); do
  grep -q '^Message-ID: <joe-1@remote.example>' "$JOE/new/$g" || fail "joe's copy $g"
  rm -f "$JOE/new/$g"
done

# 3. An alias: accepted, then vdeliver forwards it to joe (through Postfix
# and the socketmap again).
send sales-1 sales@virtual.example
expect_rc 0 "sales ($err)"
expect_out $'MAIL 250\nRCPT sales@virtual.example 250\nDATA 250' "sales"
in_joe sales-1

# 4. The catch-all: refused before it exists, every local part after.
send any-1 anything@virtual.example
expect_out $'MAIL 250\nRCPT anything@virtual.example 550\nDATA -' "before the catch-all"
run vm vaddalias --quiet + joe
expect_rc 0 "vaddalias +"
rm -f "$BHOME/.vmailmgr/default-username"  # back to the default "+"
send any-2 anything@virtual.example
expect_rc 0 "catch-all ($err)"
expect_out $'MAIL 250\nRCPT anything@virtual.example 250\nDATA 250' "catch-all"
in_joe any-2
send any-4 joe+tag@virtual.example  # now through the catch-all, like any unknown name
expect_out $'MAIL 250\nRCPT joe+tag@virtual.example 250\nDATA 250' "joe+tag through the catch-all"
in_joe any-4
send any-3 '"a,root"@virtual.example'  # never read as a list of addresses
expect_out $'MAIL 250\nRCPT "a,root"@virtual.example 550\nDATA -' "a,root"

# 5. A corrupt table: 4xx at RCPT, nothing queued; repaired, mail flows.
cp -p "$BHOME/passwd.cdb" "$T/saved.cdb"
printf 'garbage' > "$BHOME/passwd.cdb"
send corrupt-1 joe@virtual.example
expect_rc 1 "corrupt table"
[[ $out =~ ^MAIL\ 250$'\n'RCPT\ joe@virtual.example\ 4[0-9][0-9]$'\n'DATA\ -$ ]] || fail "corrupt table: $out ($err)"
grep -q "vsocketmap: warning: unable to look up joe@virtual.example: $BHOME/passwd.cdb is corrupt" "$T/vsocketmap.log" ||
  fail "no warning: $(cat "$T/vsocketmap.log")"
postfix_log | grep -q 'socketmap server temporary error' || fail "Postfix did not see TEMP: $(postfix_log | tail -n 5)"
cp -p "$T/saved.cdb" "$BHOME/passwd.cdb"
send corrupt-2 joe@virtual.example
expect_rc 0 "repaired ($err)"
in_joe corrupt-2

# Nothing accepted was bounced: no bounce in sender's Maildir, none in the log.
postfix_wait_queue_empty
expect_eq "$(count_in "$SHOME/Maildir/new")" 0 "bounces in sender's Maildir"
postfix_log | grep -q 'status=bounced' && fail "a message was bounced: $(postfix_log | grep 'status=bounced')"
expect_eq "$(postfix_queue_files)" "" "the queue"
grep -iE 'password|secret' "$T/vsocketmap.log" && fail "vsocketmap printed a secret"

master=$POSTFIX_PID
server=$LOOKUP_SERVER
postfix_stop || fail "Postfix did not stop cleanly on SIGTERM"
lookup_unserve
trap - EXIT
! postfix_alive "$master" || fail "the master ($master) still runs"
left=$(POSTFIX_NS=$POSTFIX_LAST_NS postfix_ns_pids)
[ -z "$left" ] || fail "Postfix processes are left: $left"
kill -0 "$server" 2>/dev/null && fail "tcpserver ($server) still runs"
left=$(pgrep -f -- "$TOP/vsocketmap" | tr '\n' ' ')
[ -z "$left" ] || fail "vsocketmap processes are left: $left"
exit 0
