# Mailbox limits: message size, hard quota and message count through the
# Maildir++ maildirsize file (recomputed when missing, large or stale).
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF2'
small mailbox size=200
quota mailbox hard=1000
count mailbox count=2
EOF2
msg() { printf 'Subject: %s\n\n%s\n' "$1" "$(head -c "$2" /dev/zero | tr '\0' 'a')"; }
# Bytes of the Return-Path and Delivered-To lines vdeliver adds for account $1.
added_for() { local dt="Delivered-To: $BASE-$1@virtual.example"; echo $(( ${#SENDER_ADDR} + 16 + ${#dt} + 1 )); }

# Message size: the stored copy with the added lines counts.
qmail_deliver small < <(msg s 10)
expect_rc 0 "small message"
qmail_deliver small < <(msg s 300)
expect_rc 100 "too big"
expect_err "vdeliver: fatal: mailbox full: the message ($(( $(msg s 300 | wc -c) + $(added_for small) )) bytes) is larger than the message size limit of 'small' (200 bytes)"
expect_eq "$(files_in "$BHOME/users/small/tmp")" "" "tmp/ after refusal"
expect_eq "$(count_in "$BHOME/users/small/new")" 1 "only the small one"
[ ! -e "$BHOME/users/small/maildirsize" ] || fail "maildirsize without a quota"

# Hard quota: maildirsize is created, then one line per delivery.
Q=$BHOME/users/quota
qmail_deliver quota < <(msg a 300)
expect_rc 0 "first"
s1=$(stat -c %s "$(only_file "$Q/new")")
qmail_deliver quota < <(msg b 300)
expect_rc 0 "second"
s2=$(( $(cat "$Q/new/"* | wc -c) - s1 ))
expect_eq "$(cat "$Q/maildirsize")" "1000S
0 0
$s1 1
$s2 1" "maildirsize after two"
expect_eq "$(stat -c '%u %a' "$Q/maildirsize")" "$BASE_UID 600" "maildirsize owner and mode"
qmail_deliver quota < <(msg c 300)
expect_rc 100 "over quota"
expect_err "vdeliver: fatal: mailbox full: 'quota' has $((s1 + s2)) of 1000 bytes used, the message needs $s1"
expect_eq "$(files_in "$Q/tmp")" "" "tmp/ after over quota"
expect_eq "$(count_in "$Q/new")" 2 "two stored"

# Refusing it, vdeliver looked again, since the file had several change
# lines: the recomputed file has one.
expect_eq "$(cat "$Q/maildirsize")" "1000S
$((s1 + s2)) 2" "recomputed before refusing"
# Mail removed behind the file's back, and the file older than 15 minutes:
# over quota by the file, so the usage is recomputed and the message fits.
rm -f "$Q/new/"*
touch -d '16 minutes ago' "$Q/maildirsize"
qmail_deliver quota < <(msg d 300)
expect_rc 0 "after recompute"
s3=$(stat -c %s "$(only_file "$Q/new")")
expect_eq "$(cat "$Q/maildirsize")" "1000S
0 0
$s3 1" "recomputed maildirsize"
# A fresh one-line file is trusted, even when it is wrong (Dovecot and
# Courier trust it the same way; their expunges append negative lines).
printf '1000S\n990 5\n' > "$Q/maildirsize"
qmail_deliver quota < <(msg x 1)
expect_rc 100 "trusted file"
printf '1000S\n990 5\n-990 -5\n%s 1\n' "$s3" > "$Q/maildirsize"

# A file of 5120 bytes or more is recomputed whatever it says; S= from names.
{ echo 1000S; for i in $(seq 1300); do echo "0 0"; done; } > "$Q/maildirsize"
mkdir -p "$Q/.Archive/cur"
touch "$Q/.Archive/cur/1.M1P1Q1R1.h,S=100:2,S"
chown -R "$BASE_UID:$BASE_UID" "$Q"
qmail_deliver quota < <(msg e 10)
expect_rc 0 "large maildirsize"
s4=$(( $(cat "$Q/new/"* | wc -c) - s3 ))
expect_eq "$(cat "$Q/maildirsize")" "1000S
$((s3 + 100)) 2
$s4 1" "rebuilt maildirsize"

# New limits in the record: the definition line follows them.
mktable <<<'quota mailbox hard=5000 count=50'
qmail_deliver quota < <(msg f 10)
expect_rc 0 "new limits"
expect_eq "$(head -n 2 "$Q/maildirsize")" "5000S,50C
$((s3 + 100 + s4)) 3" "definition follows the record"

# Message count.
qmail_deliver count < <(msg 1 1); expect_rc 0 "count 1"
qmail_deliver count < <(msg 2 1); expect_rc 0 "count 2"
qmail_deliver count < <(msg 3 1)
expect_rc 100 "count 3"
expect_err "vdeliver: fatal: mailbox full: 'count' has 2 of at most 2 messages stored"
expect_eq "$(head -n 1 "$BHOME/users/count/maildirsize")" "2C" "count definition"

# Under Postfix a full mailbox is EX_CANTCREAT.
postfix_deliver count < <(msg 4 1)
expect_rc 73 "Postfix: full"
