# The autoresponder in qmail-local's environment (SPEC §17): after the mail
# is stored, the account's autoresponse/message.txt goes to the sender by
# qmail-queue (a recorder here), once per autoresponse-interval, never to
# lists, bounces or automatic mail; a failing qmail-queue never fails the
# delivery nor stores the mail twice.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF'
joe mailbox
EOF
MD=$BHOME/users/joe
AR=$MD/autoresponse
cp "$TOOLS/deliver_recorder" "$QROOT/bin/qmail-queue"
mkdir "$AR"
printf 'Subject: Away (was: %%S)\nReply-To: desk@virtual.example\n\nBack on Monday.\n' > "$AR/message.txt"
chown -R "$BASE_UID:$BASE_UID" "$AR"

MSG=$'Subject: lunch?\nFrom: Alice <alice@sender.example>\nMessage-ID: <m1@sender.example>\nReferences: <m0@sender.example>\n\nNoon?\n'
replies() { ls "$REC" | grep -c '\.message$'; }
# The reply with its Date and Message-ID replaced by D and M, after checking
# their form.
reply_text() {
  local f=$REC/$1.message
  grep -qE '^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$' "$f" ||
    fail "no valid Date in $f: $(cat "$f")"
  grep -qE '^Message-ID: <[0-9]+\.[0-9a-f]{16}\.autoresponse@virtual\.example>$' "$f" ||
    fail "no valid Message-ID in $f: $(cat "$f")"
  sed -E 's/^Date: .*/Date: D/; s/^Message-ID: .*/Message-ID: M/' "$f"
}

# The first message from alice: stored, and one reply to her.
qmail_deliver joe <<<"$MSG"
expect_rc 0 "first message"
stored=$(only_file "$MD/new")
expect_err "vdeliver: delivered to $stored
vdeliver: autoresponse sent to alice@sender.example"
expect_eq "$(replies)" 1 "replies after the first message"
expect_eq "$(tr '\0' '|' < "$REC/1.envelope")" "F|Talice@sender.example||" "the reply's envelope: null sender"
expect_eq "$(reply_text 1)" "From: joe@virtual.example
To: <alice@sender.example>
Subject: Away (was: lunch?)
Date: D
Message-ID: M
In-Reply-To: <m1@sender.example>
References: <m0@sender.example>
 <m1@sender.example>
Auto-Submitted: auto-replied
Reply-To: desk@virtual.example

Back on Monday." "the reply"
expect_eq "$(cut -d' ' -f2 "$AR/replies")" "alice@sender.example" "the record of replies"

# A second message within the interval (sender in other case): stored, no reply.
SENDER_ADDR=Alice@Sender.Example qmail_deliver joe <<<$'Subject: again\n\nx\n'
expect_rc 0 "second message"
expect_eq "$(count_in "$MD/new")" 2 "stored messages"
expect_eq "$(replies)" 1 "replies after the second message"
expect_eq "$(echo "$err" | tail -n1)" "vdeliver: no autoresponse to Alice@Sender.Example: answered within autoresponse-interval"

# Once the interval is over, a reply again.
sed -i -E 's/^[0-9]+ /1000 /' "$AR/replies"
qmail_deliver joe <<<$'Subject: later\n\nx\n'
expect_eq "$(replies)" 2 "replies after the interval"
expect_eq "$(grep '^Subject' "$REC/2.message")" "Subject: Away (was: later)"
expect_eq "$(grep -c '^In-Reply-To' "$REC/2.message")" 0 "no In-Reply-To without a Message-ID"

# Lists, bulk and automatic mail, bounces and list addresses: no reply.
n=0
while IFS='|' read -r sender header why; do
  n=$((n + 1))
  SENDER_ADDR=$sender qmail_deliver joe < <(printf '%bSubject: case %d\n\nbody\n' "$header" "$n")
  expect_rc 0 "case $n"
  expect_eq "$(echo "$err" | tail -n1)" "vdeliver: no autoresponse to $why" "case $n"
done <<'EOF'
list@sender.example|List-Id: <news.sender.example>\n|list@sender.example: the message comes from a mailing list (List-Id)
list@sender.example|list-unsubscribe: <mailto:x@y>\n|list@sender.example: the message comes from a mailing list (list-unsubscribe)
list@sender.example|Mailing-List: contact x-help@y; run by ezmlm\n|list@sender.example: the message comes from a mailing list (Mailing-List)
bulk@sender.example|Precedence: Bulk\n|bulk@sender.example: the message is bulk mail (Precedence: Bulk)
bulk@sender.example|Precedence: junk\n|bulk@sender.example: the message is bulk mail (Precedence: junk)
bulk@sender.example|Precedence: list\n|bulk@sender.example: the message is bulk mail (Precedence: list)
auto@sender.example|Auto-Submitted: auto-generated\n|auto@sender.example: the message is automatic (Auto-Submitted: auto-generated)
auto@sender.example|Auto-Submitted: Auto-Replied (vacation)\n|auto@sender.example: the message is automatic (Auto-Submitted: Auto-Replied (vacation))
||<>: the sender is empty (a bounce)
#@[]||#@[]: the sender is empty (a bounce)
MAILER-DAEMON@sender.example||MAILER-DAEMON@sender.example: the sender is a mailer daemon
postmaster@sender.example||postmaster@sender.example: the sender is a postmaster
news-request@sender.example||news-request@sender.example: the sender is a mailing list's address
owner-news@sender.example||owner-news@sender.example: the sender is a mailing list's address
joe@virtual.example||joe@virtual.example: the sender is this account itself
EOF
expect_eq "$(replies)" 2 "replies after list and automatic mail"
# Auto-Submitted: no is a person's message.
SENDER_ADDR=carol@sender.example qmail_deliver joe <<<$'Auto-Submitted: no\nSubject: hi\n\nx\n'
expect_eq "$(replies)" 3 "reply to Auto-Submitted: no"

# Disabled, then deleted: no reply.
mv "$AR/message.txt" "$AR/message.txt.disabled"
SENDER_ADDR=dave@sender.example qmail_deliver joe <<<"$MSG"
expect_rc 0 "disabled"
expect_err "vdeliver: delivered to $(ls -t "$MD/new/"* | head -n1)"
expect_eq "$(replies)" 3 "replies while disabled"
mv "$AR/message.txt.disabled" "$AR/message.txt"

# qmail-queue fails: the delivery is still a success, the mail stored once,
# and the record taken back so the next message tries again.
before=$(count_in "$MD/new")
DELIVER_RECORD_EXIT=53 SENDER_ADDR=erin@sender.example qmail_deliver joe <<<"$MSG"
expect_rc 0 "failing qmail-queue"
expect_eq "$(count_in "$MD/new")" $((before + 1)) "stored once despite the failed reply"
expect_eq "$(echo "$err" | tail -n1)" "vdeliver: warning: autoresponse not sent: unable to forward: $QROOT/bin/qmail-queue exited with status 53"
grep -q erin "$AR/replies" && fail "a failed reply stays recorded"
expect_eq "$(files_in "$MD/tmp")" "" "tmp/ after a failed reply"
SENDER_ADDR=erin@sender.example qmail_deliver joe <<<"$MSG"
expect_eq "$(echo "$err" | tail -n1)" "vdeliver: autoresponse sent to erin@sender.example" "erin's next message"

# Without qmail-queue: the sendmail setting, with the null sender.
rm "$QROOT/bin/qmail-queue" "$REC"/*
SENDER_ADDR=frank@sender.example qmail_deliver joe <<<"$MSG"
expect_rc 0 "via sendmail"
expect_eq "$(cat "$REC/1.argv")" $'-oi\n-f\n<>\n--\nfrank@sender.example' "sendmail arguments"
expect_eq "$(grep '^To:' "$REC/1.message")" "To: <frank@sender.example>"
# A sendmail that cannot even run: a warning, the mail is stored.
echo "$T/no/sendmail" > "$VETC/sendmail"
before=$(count_in "$MD/new")
SENDER_ADDR=gina@sender.example qmail_deliver joe <<<"$MSG"
expect_rc 0 "missing sendmail"
expect_eq "$(count_in "$MD/new")" $((before + 1)) "stored once with a missing sendmail"
expect_eq "$(echo "$err" | tail -n1)" "vdeliver: warning: autoresponse not sent: unable to run $T/no/sendmail: No such file or directory"
echo "$TOOLS/deliver_recorder" > "$VETC/sendmail"

# 50 deliveries from one sender at the same time: exactly one reply, every
# message stored. Then 20 senders at once: one reply each.
cp "$TOOLS/deliver_recorder" "$QROOT/bin/qmail-queue"
rm -f "$REC"/*
before=$(count_in "$MD/new")
cat > "$T/many" <<EOF
#!/bin/bash
# Runs as the base user: N deliveries at once, each waited for by pid.
pids=()
for i in \$(seq \$1); do
  sender=\$2; [ "\$sender" = each ] && sender=s\$i@many.example
  printf 'Subject: m %d\n\nbody\n' "\$i" |
    env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" DELIVER_RECORD="$REC" EXT=joe HOST=virtual.example \
      SENDER="\$sender" "DTLINE=Delivered-To: vmdbase-joe@virtual.example
" "RPLINE=Return-Path: <\$sender>
" "$TOP/vdeliver" --quiet &
  pids+=(\$!)
done
failed=0
for p in "\${pids[@]}"; do wait "\$p" || failed=\$((failed + 1)); done
echo "\$failed"
EOF
chmod 755 "$T/many"
expect_eq "$(as_base "$T/many" 50 hank@many.example)" 0 "failed deliveries"
expect_eq "$(count_in "$MD/new")" $((before + 50)) "stored messages of 50 at once"
expect_eq "$(replies)" 1 "replies to 50 messages at once from one sender"
expect_eq "$(tr '\0' '|' < "$REC/1.envelope")" "F|Thank@many.example||"
rm -f "$REC"/*
expect_eq "$(as_base "$T/many" 20 each)" 0 "failed deliveries"
expect_eq "$(replies)" 20 "replies to 20 senders at once"
expect_eq "$(cat "$REC"/*.envelope | tr '\0' '\n' | grep '^T' | sort -u | wc -l)" 20 "distinct recipients"
expect_eq "$(grep -c many.example "$AR/replies")" 21 "senders recorded"
expect_eq "$(stat -c '%u %a' "$AR/replies")" "$BASE_UID 600" "the record's owner and mode"
