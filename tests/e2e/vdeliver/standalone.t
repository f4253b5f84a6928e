# vdeliver run by any other delivering program (Exim's pipe transport,
# OpenSMTPD's mda, maildrop, fetchmail --mda, a person): --recipient NAME
# (or --recipient=NAME), the domain from --domain or HOST, the sender from
# SENDER (unset: <>); vdeliver builds Delivered-To and Return-Path itself,
# exits with qmail's codes, or sysexits with --sysexits.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF2'
joe mailbox
full mailbox size=10
old mailbox expiry=1000
sales fwd=joe fwd=boss@elsewhere.example
EOF2
MD=$BHOME/users/joe
MSG=$'Subject: standalone\nFrom: alice@sender.example\n\nHello.\n'

# standalone VAR=VALUE... -- VDELIVER-ARGS...: vdeliver as the base user with
# only HOME and the given variables; stdin as given; sets rc, out, err.
standalone() {
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done; shift
  local o e
  o=$(mktemp "$T/.out.XXXXXX"); e=$(mktemp "$T/.err.XXXXXX")
  as_base env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VETC" DELIVER_RECORD="$REC" HOME="$BHOME" \
    "${vars[@]}" "$TOP/vdeliver" "$@" >"$o" 2>"$e"
  rc=$?
  out=$(cat "$o"); err=$(cat "$e"); rm -f "$o" "$e"
}

# The environment gives the domain and the sender.
standalone HOST=virtual.example SENDER=alice@sender.example -- --recipient JOE <<<"$MSG"
expect_rc 0 "standalone delivery"
f=$(only_file "$MD/new")
expect_eq "$(cat "$f"; echo x)" $'Return-Path: <alice@sender.example>\nDelivered-To: joe@virtual.example\n'"${MSG}"$'\nx' "stored copy"
[[ $err == "vdeliver: delivered to $MD/new/"* ]] || fail "status line: $err"
rm -f "$MD/new/"*

# --domain and --recipient=NAME; no SENDER: the null sender. --domain wins
# over an Exim-like environment (Exim sets RECIPIENT, LOCAL_PART, DOMAIN).
standalone RECIPIENT=joe@virtual.example LOCAL_PART=joe DOMAIN=virtual.example -- \
  --recipient=joe --domain virtual.example <<<"$MSG"
expect_rc 0 "--domain, no SENDER"
f=$(only_file "$MD/new")
expect_eq "$(head -n 2 "$f")" $'Return-Path: <>\nDelivered-To: joe@virtual.example' "null sender"
rm -f "$MD/new/"*

# Lines the calling program put at the top (OpenSMTPD's mda: Return-Path,
# Delivered-To) are replaced by ours, not taken for a loop.
standalone HOST=virtual.example SENDER=alice@sender.example -- --recipient joe \
  <<<$'Return-Path: <alice@sender.example>\nDelivered-To: joe@virtual.example\n'"$MSG"
expect_rc 0 "the program's own lines at the top"
f=$(only_file "$MD/new")
expect_eq "$(cat "$f"; echo x)" $'Return-Path: <alice@sender.example>\nDelivered-To: joe@virtual.example\n'"${MSG}"$'\nx' "stored copy without the program's lines"
rm -f "$MD/new/"*

# Forwards are completed with the domain.
standalone SENDER=alice@sender.example -- --recipient sales --domain virtual.example <<<"$MSG"
expect_rc 0 "alias"
expect_eq "$(cat "$REC/1.argv")" $'-oi\n-f\nalice@sender.example\n--\njoe@virtual.example\nboss@elsewhere.example' "sendmail arguments"
expect_eq "$(cat "$REC/1.message"; echo x)" $'Delivered-To: sales@virtual.example\n'"${MSG}"$'\nx' "forwarded copy"

# Refusals: qmail's 100, or the sysexits codes with --sysexits (Exim's
# temp_errors are 75:73, so a full mailbox is retried there, as Exim wants).
for codes in qmail sysexits; do
  flag=(); [ $codes = sysexits ] && flag=(--sysexits)
  want() { [ $codes = qmail ] && echo "$1" || echo "$2"; }
  standalone HOST=virtual.example -- "${flag[@]}" --recipient nobody <<<"$MSG"
  expect_rc "$(want 100 67)" "unknown ($codes)"
  expect_err "vdeliver: fatal: no such user 'nobody'"
  standalone HOST=virtual.example -- "${flag[@]}" --recipient full <<<"$MSG"
  expect_rc "$(want 100 73)" "full ($codes)"
  standalone HOST=virtual.example -- "${flag[@]}" --recipient old <<<"$MSG"
  expect_rc "$(want 100 69)" "expired ($codes)"
  # A loop: the message already has the Delivered-To line vdeliver adds
  # (below a Received line: not the calling program's own line at the top).
  standalone HOST=virtual.example -- "${flag[@]}" --recipient joe \
    <<<$'Received: from mx.example\nDelivered-To: joe@virtual.example\n'"$MSG"
  expect_rc "$(want 100 69)" "loop ($codes)"
  expect_err "vdeliver: fatal: message is looping: it already has the line 'Delivered-To: joe@virtual.example'"
  # Temporary: no domain, no account, a bad option, an unreadable table.
  standalone -- "${flag[@]}" --recipient joe <<<"$MSG"
  expect_rc "$(want 111 75)" "no domain ($codes)"
  expect_err "vdeliver: fatal: temporary failure: no domain: give --domain DOMAIN or set HOST"
  standalone HOST=virtual.example -- "${flag[@]}" --bogus --domain x <<<"$MSG"
  expect_rc "$(want 111 75)" "bad option ($codes)"
  chmod 000 "$BHOME/passwd.cdb"
  standalone HOST=virtual.example -- "${flag[@]}" --recipient joe <<<"$MSG"
  chmod 600 "$BHOME/passwd.cdb"
  expect_rc "$(want 111 75)" "unreadable table ($codes)"
done
standalone HOST=virtual.example -- <<<"$MSG"
expect_rc 111 "no --recipient"
expect_err "vdeliver: fatal: temporary failure: no account to deliver to: neither DTLINE (qmail-local) nor RECIPIENT (Postfix local) is set, and no --recipient NAME was given"
expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "nothing stored by the failures"
exit 0
