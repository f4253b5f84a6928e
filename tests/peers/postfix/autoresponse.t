# The autoresponder behind a real Postfix 3.7 (tests/postfix.sh): joe's
# vacation message, set with vautoresponse, answers sender@mx.example once
# — the reply goes out through Postfix's sendmail with the null sender and
# lands in the sender's Maildir — while a second message within the
# interval and a list message get none; every message is stored once.
source "$TOP/tests/lib.sh"
source "$TOP/tests/postfix.sh"
source "$TOP/tests/mta.sh"
postfix_need

mta_sandbox 2972 vautoresponse  # no qmail-queue in its qmail-root: replies go through sendmail
mta_accounts joe
JOE=$BHOME/users/joe
run_in $'Subject: Out of office (re: %S)\n\nJoe is away until Monday.\n' vm vautoresponse joe set
expect_rc 0 "vautoresponse set"
mta_forward_vdeliver

postfix_config "$T/postfix"
postfix_map "joe@virtual.example $BASE+joe"
postfix_start
trap postfix_stop EXIT

count_in() { ls -A "$1" 2>/dev/null | grep -c . ; }
mail_to_joe() { # mail_to_joe N EXTRA-HEADER: message N from sender@mx.example
  printf 'From: Sender <sender@mx.example>\nTo: joe@virtual.example\nMessage-ID: <ar-%s@mx.example>\nSubject: question %s\n%s\nHello.\n' \
    "$1" "$1" "$2" > "$T/msg$1"
  run postfix_send sender@mx.example "$T/msg$1" joe@virtual.example
  expect_rc 0 "SMTP message $1 ($err)"
  postfix_wait_queue_empty
}

# 1. The first message: stored, and one reply in the sender's Maildir.
mail_to_joe 1 ""
expect_eq "$(count_in "$JOE/new")" 1 "joe's messages after the first"
expect_eq "$(count_in "$SHOME/Maildir/new")" 1 "replies after the first message (log: $(postfix_log | tail -n 20))"
r=$SHOME/Maildir/new/$(ls "$SHOME/Maildir/new")
run python3 - "$r" <<'PY'
import email, email.policy, email.utils, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.compat32)
for k in ("Return-Path", "From", "To", "Subject", "In-Reply-To", "References", "Auto-Submitted"):
    print("%s: %s" % (k, m[k]))
print("Date parses:", email.utils.parsedate_to_datetime(m["Date"]) is not None)
print("Message-ID:", m["Message-ID"].endswith("@virtual.example>"))
print("Body:", m.get_payload().strip())
PY
expect_rc 0 "parsing the reply"
expect_out "Return-Path: <>
From: joe@virtual.example
To: <sender@mx.example>
Subject: Out of office (re: question 1)
In-Reply-To: <ar-1@mx.example>
References: <ar-1@mx.example>
Auto-Submitted: auto-replied
Date parses: True
Message-ID: True
Body: Joe is away until Monday."

# 2. A second message within the interval: stored, no reply.
mail_to_joe 2 ""
expect_eq "$(count_in "$JOE/new")" 2 "joe's messages after the second"
expect_eq "$(count_in "$SHOME/Maildir/new")" 1 "replies after the second message"

# 3. A list message from another sender: stored, no reply.
printf 'From: News <news@mx.example>\nTo: joe@virtual.example\nList-Id: <news.mx.example>\nSubject: digest\n\nNews.\n' > "$T/list"
run postfix_send news@mx.example "$T/list" joe@virtual.example
expect_rc 0 "SMTP list message ($err)"
postfix_wait_queue_empty
expect_eq "$(count_in "$JOE/new")" 3 "joe's messages after the list message"
expect_eq "$(postfix_log | grep -c 'to=<news@mx.example>')" 0 "replies to the list"
expect_eq "$(count_in "$SHOME/Maildir/new")" 1 "replies after the list message"
postfix_stop || fail "postfix_stop had to end stray processes"
trap - EXIT
