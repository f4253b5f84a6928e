# make demo (the README's first command) keeps working: it runs to the end,
# refuses the unknown user, shows the mail read back over POP3 and IMAP, one
# vacation reply, an account made through vmailmgrd logging in, and the
# domain administered through vmailmgr.cgi under lighttpd.
source "$TOP/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "the demo needs root"
[ -x /usr/sbin/dovecot ] || skip "dovecot is not installed"
run env TMPDIR="$T" "$TOP/tests/demo/run"
expect_rc 0 "tests/demo/run"
for line in \
  "demobase\$ echo 'Alice-Pass-1' | vadduser alice" \
  "   vadduser: user 'alice' successfully added" \
  "   sales No alice bob" \
  "   vdeliver: fatal: no such user 'nobody'" \
  "   exit 100 (refused: the sender gets a bounce)" \
  "   alice's Maildir: 2 new messages; bob's: 1" \
  "   Subject: Hello Alice" \
  "   INBOX holds 1 message(s)" \
  "   Subject: Order 42" \
  "   curl exit 67 (67 = login denied)" \
  "   vdeliver: autoresponse sent to carol@outside.example" \
  "   vdeliver: no autoresponse to carol@outside.example: answered within autoresponse-interval" \
  "   OK: user 'carol' successfully added" \
  "   ERROR: authentication failed" \
  "   curl exit 0 (0 = logged in)" \
  "   page: Accounts of demo.example" \
  "   bob (Bob the Builder) | yes | yes | - | 9.5 MiB | 3 messages, 566 bytes" \
  "   notice: Account dave added." \
  "   notice: Alias info added." \
  "   notice: Limits saved." \
  "   dave | yes | yes | - | 19 MiB | 0 messages, 0 bytes" \
  "   info | alias | - | alice, dave | - | -" \
  "   session cookie after logout: none" \
  "   Hard-Quota: 20000000" \
  "\$ curl pop3://dave@demo.example (made through the web pages)"; do
  grep -qxF -- "$line" <<<"$out" || fail "the transcript lacks the line [$line]"
done
dir=$(sed -nE 's/^   Everything ran in (.*) and a private.*/\1/p' <<<"$out")
[ -n "$dir" ] && [ ! -e "$dir" ] || fail "the demo left $dir behind"
