# Figures 3 and 4: vdeliver against Debian's dovecot-lda, and vdeliver into
# a Maildir holding many messages against an empty one. Everything runs as
# one private base user (vmbmail) on the same disk ($T), every delivery
# fsyncs (vdeliver always does; dovecot-lda with mail_fsync = always).
MAIL_UID=2974
MAIL_HOME=$T/home/vmbmail

# vdeliver_cmd EXT: sets VDELIVER to the command line delivering stdin to
# EXT@mail.bench the way qmail-local runs .qmail-default (see
# tests/e2e/vdeliver/deliver.sh).
vdeliver_cmd() {
  local ext=$1
  VDELIVER=(env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VMAILMGR_ETC" USER=vmbmail
    HOME="$MAIL_HOME" LOCAL="vmbmail-$ext" HOST=mail.bench EXT="$ext"
    RECIPIENT="vmbmail-$ext@mail.bench" SENDER=alice@sender.bench
    "DTLINE=Delivered-To: vmbmail-$ext@mail.bench
" "RPLINE=Return-Path: <alice@sender.bench>
" "$TOP/vdeliver")
}

# message FILE BYTES: a plain text message of BYTES bytes.
message() {
  python3 - "$1" "$2" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2])
head = b"From: alice@sender.bench\nTo: box@mail.bench\nSubject: bench\n\n"
chunk = (b"x" * 75 + b"\n") * 8192
with open(path, "wb") as f:
    f.write(head)
    left = size - len(head)
    while left > 0:
        f.write(chunk[:left])
        left -= min(left, len(chunk))
PY
}

deliver_setup() {
  bench_user vmbmail "$MAIL_UID"
  # box: no limits; empty and full: a hard quota (10 GB, never reached).
  printf '%s\n' 'box mailbox' 'empty mailbox hard=10000000000 count=10000000' \
    'full mailbox hard=10000000000 count=10000000' > "$T/mail-accounts"
  "$TOOLS/deliver_mktable" "$MAIL_HOME" < "$T/mail-accounts" || fail "deliver_mktable"
  message "$T/msg-10k" 10240
  mkdir -p "$T/lda/home" "$T/lda/run"
  {
    echo "# Written by bench/run: dovecot-lda delivering into ~/Maildir, fsyncing."
    echo "base_dir = $T/lda/run"
    echo "log_path = $T/lda/lda.log"
    echo "info_log_path = $T/lda/lda.log"
    echo "mail_location = maildir:~/Maildir"
    echo "mail_fsync = always"
    echo "postmaster_address = postmaster@mail.bench"
    echo "hostname = mail.bench"
  } > "$T/lda/dovecot.conf"
  chmod 0644 "$T/lda/dovecot.conf"
  chown -R "$MAIL_UID:$MAIL_UID" "$MAIL_HOME" "$T/lda"
}

# Figure 3a: time per 10 KB delivery, dovecot-lda / vdeliver (= msgs/s
# vdeliver / dovecot-lda). Figure 3b: peak RSS on a big message.
bench_deliver() {
  local rounds=$1 runs=$2 big_mb=$3
  step "figure 3: vdeliver and dovecot-lda"
  deliver_setup
  vdeliver_cmd box
  local lda=(env -i PATH=/usr/bin:/bin HOME="$T/lda/home" USER=vmbmail
    /usr/lib/dovecot/dovecot-lda -c "$T/lda/dovecot.conf" -f alice@sender.bench)
  local r v l ratios=()
  for r in $(seq "$rounds"); do
    step "figure 3: round $r/$rounds"
    v=$(timed as_user "$MAIL_UID" "$TOOLS/bench_time" -n "$runs" -i "$T/msg-10k" \
      "${VDELIVER[@]}") || fail "vdeliver failed"
    l=$(timed as_user "$MAIL_UID" "$TOOLS/bench_time" -n "$runs" -i "$T/msg-10k" \
      "${lda[@]}") || { tail -n 5 "$T/lda/lda.log" >&2; fail "dovecot-lda failed"; }
    ratios+=("$(calc "$l / $v")")
    step "  vdeliver ${v}us dovecot-lda ${l}us"
  done
  figure "3a 10 KB deliveries/s, vdeliver / dovecot-lda (fsync)" \
    "$(stats_of "${ratios[@]}")" '>=' 1.5 ""
  note "last round: vdeliver $(calc "1000000 / $v") msgs/s (${v} us), dovecot-lda $(calc "1000000 / $l") msgs/s (${l} us)"

  step "figure 3: a ${big_mb} MB message"
  message "$T/msg-big" $((big_mb * 1000 * 1000))
  local rss=()
  for r in 1 2 3; do
    as_user "$MAIL_UID" "$TOOLS/deliver_maxrss" "$T/lda/rss" "${VDELIVER[@]}" < "$T/msg-big" >/dev/null ||
      fail "vdeliver of the big message failed"
    rss+=("$(calc "$(cat "$T/lda/rss") / 1024")")
  done
  rm -f "$T/msg-big" "$MAIL_HOME"/users/box/new/*
  figure "3b vdeliver peak RSS, ${big_mb} MB message" \
    "$(stats_of "${rss[@]}")" '<=' 4 MiB
}

# Figure 4: delivery time into a Maildir of COUNT messages with a quota
# set / into an empty one with the same quota.
bench_quota() {
  local count=$1 rounds=$2 runs=$3
  step "figure 4: a Maildir of $count messages"
  python3 - "$MAIL_HOME/users/full/cur" "$count" <<'PY'
import os, sys
cur, count = sys.argv[1], int(sys.argv[2])
body = b"x" * 2000
for i in range(count):
    name = "%s/1700000000.M%dP1.bench,S=%d:2,S" % (cur, i, len(body))
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, body)
    os.close(fd)
PY
  chown -R "$MAIL_UID:$MAIL_UID" "$MAIL_HOME/users/full"
  # The first delivery measures the Maildir (no maildirsize yet); timed alone.
  vdeliver_cmd full
  local first
  first=$(as_user "$MAIL_UID" "$TOOLS/bench_time" -n 1 -w 0 -i "$T/msg-10k" "${VDELIVER[@]}") ||
    fail "vdeliver into the full Maildir failed"
  local full_cmd=("${VDELIVER[@]}")
  vdeliver_cmd empty
  local empty_cmd=("${VDELIVER[@]}")
  local r e f ratios=()
  for r in $(seq "$rounds"); do
    step "figure 4: round $r/$rounds"
    e=$(timed as_user "$MAIL_UID" "$TOOLS/bench_time" -n "$runs" -i "$T/msg-10k" \
      "${empty_cmd[@]}") || fail "vdeliver into the empty Maildir failed"
    f=$(timed as_user "$MAIL_UID" "$TOOLS/bench_time" -n "$runs" -i "$T/msg-10k" \
      "${full_cmd[@]}") || fail "vdeliver into the full Maildir failed"
    ratios+=("$(calc "$f / $e")")
    step "  empty ${e}us full ${f}us"
  done
  figure "4  delivery with quota, $count messages / empty Maildir" \
    "$(stats_of "${ratios[@]}")" '<=' 1.2 ""
  note "last round: empty ${e} us, full ${f} us; first delivery (maildirsize built from $count files): $(median_of "$first") us"
  note "maildirsize is rebuilt when it reaches 5120 bytes (~600 deliveries); that delivery costs about as much as the first"
}
