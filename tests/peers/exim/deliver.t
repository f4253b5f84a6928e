# vdeliver behind a real Exim 4.96 (Debian 12's exim4-daemon-light, unpacked
# by tests/exim.sh), configured with exactly the router and transport of
# INSTALL's "Exim 4" section: mail for virtual.example comes in over SMTP on
# 127.0.0.1 and the pipe transport runs vdeliver --sysexits as vmbase.
# joe's stored copy is compared byte for byte; mail for an unknown account is
# accepted, refused by vdeliver (67) and bounced to the local sender's
# Maildir with vdeliver's message; a full mailbox (73) and a temporary
# failure (75) are deferred, nothing stored or bounced, and once the Maildir
# is back a queue run (exim -qff) delivers the message exactly once; the
# queue ends empty and every Exim process is stopped.
source "$TOP/tests/lib.sh"
source "$TOP/tests/mta.sh"
source "$TOP/tests/exim.sh"

mta_sandbox 2970
exim_need "$T/exim"
mta_accounts joe later full:10  # full takes nothing over 10 bytes
JOE=$BHOME/users/joe
LATER=$BHOME/users/later
FULL=$BHOME/users/full

# INSTALL's router and transport, for virtual.example and our paths.
subst=("example.com" "virtual.example" "example_com" "virtual_example"
  "<conf-home>/bin/vdeliver" "$TOP/vdeliver" "/home/vmbase" "$BHOME"
  "#environment = VMAILMGR_ETC=/etc/vmailmgr" "environment = VMAILMGR_ETC=$VMAILMGR_ETC")
router=$(install_snippet "Exim 4" 1 | snippet_subst "${subst[@]}")
transport=$(install_snippet "Exim 4" 2 | snippet_subst "${subst[@]}")
grep -q "^  environment = VMAILMGR_ETC=$VMAILMGR_ETC\$" <<<"$transport" ||
  fail "INSTALL's transport lost its #environment line: [$transport]"
exim_config <<<"$router"$'\n%%\n'"$transport"
exim_start
trap exim_stop EXIT

MTA_LOG=exim_log
before=$(home_files)
# send SENDER FILE RCPT...: mta_send to our Exim; the message id in $mid.
send() {
  run mta_send "$EXIM_SMTP_PORT" "$@"
  mid=$(sed -nE 's/^DATA: 250 OK id=([0-9A-Za-z-]+)$/\1/p' <<<"$err")
}

# 1. alice@remote.example -> joe: stored once. Exim adds only its Received
# line (the message has Date and Message-ID); vdeliver adds Return-Path and
# Delivered-To in front.
MSG='From: Alice <alice@remote.example>
To: joe@virtual.example
Date: Thu, 22 Nov 2026 02:48:00 +0000
Message-ID: <test-1@remote.example>
Subject: hello through Exim

Hello Joe.
.a line that starts with a dot
From here on, a line that starts with "From ".

the end
'
printf '%s' "$MSG" > "$T/msg1"
send alice@remote.example "$T/msg1" joe@virtual.example
expect_rc 0 "SMTP to joe ($err)"
expect_out $'MAIL 250\nRCPT joe@virtual.example 250\nDATA 250' "SMTP replies for joe"
[ -n "$mid" ] || fail "no message id in [$err]"
exim_wait_queue_empty
f=$(only_file "$JOE/new") || exit 1
head=$'Return-Path: <alice@remote.example>\nDelivered-To: joe@virtual.example\n'
got=$(cat "$f"; echo x)
[[ $got == "$head"* ]] || fail "joe's copy starts [$(head -n 3 "$f")]"
received=$(printf '%s' "${got#"$head"}" | head -n 6)
received_re="Received: from \[127\.0\.0\.1\] \(helo=client\.example\)
	by mx\.example with esmtp \(Exim 4\.96\)
	\(envelope-from <alice@remote\.example>\)
	id $mid
	for joe@virtual\.example;
	[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}"
[[ $received =~ ^$received_re$ ]] || fail "Received: [$received]"
expect_eq "$got" "$head$received"$'\n'"${MSG}x" "joe's copy"
expect_eq "$(files_in "$JOE/tmp")$(files_in "$JOE/cur")" "" "joe's tmp/ and cur/"
expect_eq "$(exim_log | grep -c "^.\{19\} $mid => ")" 1 "deliveries of joe's message"
exim_log | grep -qE "^.{19} $mid => joe <joe@virtual\.example> R=vmailmgr_virtual_example T=vdeliver_vmbase$" ||
  fail "delivery log line: $(exim_log | grep "$mid")"
take "${f#"$T/home/"}"

# A domain that is not ours: refused at RCPT (Exim relays nothing).
send alice@remote.example "$T/msg1" someone@elsewhere.example
expect_rc 1 "SMTP to another domain"
expect_out $'MAIL 250\nRCPT someone@elsewhere.example 550\nDATA -' "SMTP replies for another domain"

# 2. An unknown account: Exim accepts every address of the domain; vdeliver
# exits 67 and Exim bounces to the sender (a local user here), with
# vdeliver's message (return_fail_output).
sed 's/^From: .*/From: Sender <sender@mx.example>/; s/^To: .*/To: nobody@virtual.example/; s/test-1@/test-2@/' \
  "$T/msg1" > "$T/msg2"
send sender@mx.example "$T/msg2" nobody@virtual.example
expect_rc 0 "SMTP to nobody ($err)"
expect_out $'MAIL 250\nRCPT nobody@virtual.example 250\nDATA 250' "SMTP replies for nobody"
nobody_mid=$mid
exim_wait_queue_empty
exim_log | grep -qF "$nobody_mid ** nobody@virtual.example R=vmailmgr_virtual_example T=vdeliver_vmbase: Child process of vdeliver_vmbase transport returned 67 (could mean user nonexistent) from command: /bin/sh" ||
  fail "nobody's message was not failed with 67: $(exim_log | grep -F "$nobody_mid")"
b=$(only_file "$SHOME/Maildir/new") || exit 1
run python3 - "$b" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.compat32)
print("Return-Path:", m["Return-Path"])
print("X-Failed-Recipients:", m["X-Failed-Recipients"])
print("Subject:", m["Subject"])
print("Content-Type:", m.get_content_type(), m.get_param("report-type"))
for part in m.walk():
    if part.get_content_type() == "text/plain" and not part.get_filename():
        print("text:", " / ".join(l.strip() for l in part.get_payload(decode=True).decode().splitlines() if l.strip()))
        break
for part in m.walk():
    if part.get_content_type() == "message/delivery-status":
        for block in part.get_payload():
            for k, v in block.items():
                if k in ("Action", "Final-Recipient", "Status"):
                    print("%s: %s" % (k, " ".join(v.split())))
    if part.get_content_type() == "message/rfc822":
        print("returned:", part.get_payload()[0]["Message-ID"])
PY
expect_rc 0 "parsing the bounce"
echo "== Exim's bounce for nobody@virtual.example:"; echo "$out"
bounce=$out
for want in 'Return-Path: <>' 'X-Failed-Recipients: nobody@virtual.example' \
  'Subject: Mail delivery failed: returning message to sender' \
  'Content-Type: multipart/report delivery-status' 'Action: failed' \
  'Final-Recipient: rfc822;nobody@virtual.example' 'Status: 5.0.0' \
  'returned: <test-2@remote.example>'; do
  grep -qxF "$want" <<<"$bounce" || fail "the bounce lacks [$want]: $bounce"
done
grep -qF "The following address(es) failed: / nobody@virtual.example / local delivery failed / The following text was generated during the delivery attempt: / ------ nobody@virtual.example ------ / vdeliver: fatal: no such user 'nobody'" <<<"$bounce" ||
  fail "the bounce's text lacks vdeliver's message: $bounce"
take "${b#"$T/home/"}"

# 3. A full mailbox (full takes nothing over 10 bytes): 73 is a temp_error,
# Exim defers; nothing stored, nothing bounced.
sed 's/^To: .*/To: full@virtual.example/; s/test-1@/test-full@/' "$T/msg1" > "$T/msg-full"
send alice@remote.example "$T/msg-full" full@virtual.example
expect_rc 0 "SMTP to full ($err)"
full_mid=$mid
exim_wait_log "^.{19} $full_mid == full@virtual\.example R=vmailmgr_virtual_example T=vdeliver_vmbase defer \(0\): Child process of vdeliver_vmbase transport returned 73 \(could mean can.t create output file\) from command: /bin/sh"
exim_log | grep -qF "$full_mid == full@virtual.example" || fail "full's message was not deferred"

# 4. A temporary failure (later's Maildir tmp/ cannot be written): vdeliver
# exits 75, Exim defers and logs vdeliver's message (log_defer_output);
# once tmp/ is back, exim -qff delivers it exactly once.
chmod 000 "$LATER/tmp"
sed 's/^To: .*/To: later@virtual.example/; s/test-1@/test-later@/' "$T/msg1" > "$T/msg-later"
send alice@remote.example "$T/msg-later" later@virtual.example
expect_rc 0 "SMTP to later ($err)"
later_mid=$mid
exim_wait_log "^.{19} $later_mid == later@virtual\.example R=vmailmgr_virtual_example T=vdeliver_vmbase defer \(0\): Child process of vdeliver_vmbase transport returned 75 \(could mean temporary error\) from command: /bin/sh"
exim_log | grep -F "$later_mid" | grep -qF "vdeliver: fatal: temporary failure" ||
  fail "the defer does not log vdeliver's message: $(exim_log | grep -F "$later_mid")"
sleep 0.5  # the delivery process ends after logging
expect_eq "$(exim_queue_count)" 2 "messages in the queue (full's, later's)"
expect_eq "$(files_in "$LATER/new")$(count_in "$SHOME/Maildir/new")$(files_in "$FULL/new")" "0" \
  "nothing stored or bounced while deferred"
chmod 700 "$LATER/tmp"
run exim -qff
expect_rc 0 "exim -qff"
f=$(only_file "$LATER/new") || exit 1
grep -qF 'Message-ID: <test-later@remote.example>' "$f" || fail "later's copy"
expect_eq "$(head -n 2 "$f")" $'Return-Path: <alice@remote.example>\nDelivered-To: later@virtual.example' "later's copy's head"
expect_eq "$(exim_log | grep -c "^.\{19\} $later_mid => ")" 1 "deliveries of later's message"
take "${f#"$T/home/"}"
# full's message is still deferred (the queue run tried it again); remove it.
expect_eq "$(exim_log | grep -c "^.\{19\} $full_mid == ")" 2 "tries of full's message"
expect_eq "$(exim_queue_count)" 1 "messages in the queue (full's)"
run exim -Mrm "$full_mid"
expect_rc 0 "exim -Mrm"
exim_wait_queue_empty

# Nothing else was delivered anywhere, the queue is empty, nothing panicked.
after=$(home_files)
expect_eq "$(LC_ALL=C comm -13 <(echo "$before") <(echo "$after"))" "" "files delivered besides the checked ones"
expect_eq "$(files_in "$JOE/tmp")$(files_in "$LATER/tmp")$(files_in "$FULL/tmp")" "" "tmp/ directories"
expect_eq "$(exim_queue_count)" 0 "the queue"
expect_eq "$(cat "$EXIM_DIR/log/paniclog" 2>/dev/null)" "" "Exim's panic log"
daemon=$EXIM_PID
exim_stop || fail "Exim did not stop cleanly on SIGTERM"
trap - EXIT
! mta_alive "$daemon" || fail "the Exim daemon ($daemon) still runs"
expect_eq "$(mta_pids_naming "$EXIM_DIR/")" "" "Exim processes left"
exit 0
