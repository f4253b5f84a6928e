# Sourced by tests/e2e/vdeliver/*.t after tests/lib.sh: a private base user
# vmdbase (uid 2950) owning a domain in $T/home/vmdbase, a private qmail
# root ($T/qmail) and global settings ($T/vmm-etc), and helpers that run
# vdeliver as that user with the environment qmail-local or Postfix local(8)
# gives it. Forwards go to tests/tools/deliver_recorder, which writes what it
# got into $REC (N.argv, N.message, N.envelope).
sandbox_init
BASE=vmdbase
BASE_UID=2950
sandbox_user "$BASE" "$BASE_UID"
BHOME=$T/home/$BASE
VETC=$T/vmm-etc
QROOT=$T/qmail
REC=$T/rec
mkdir -p "$VETC" "$QROOT/control" "$QROOT/bin" "$REC"
echo "$QROOT" > "$VETC/qmail-root"
echo "$TOOLS/deliver_recorder" > "$VETC/sendmail"
echo me.example > "$QROOT/control/me"
chown "$BASE_UID:$BASE_UID" "$REC"
chmod 755 "$T/home"

# as_base CMD...: CMD as the base user in the sandbox, with the settings.
as_base() {
  in_sandbox setpriv --reuid="$BASE_UID" --regid="$BASE_UID" --init-groups \
    env VMAILMGR_ETC="$VETC" DELIVER_RECORD="$REC" "$@"
}

# mktable < lines: the domain's table (see tests/tools/deliver_mktable.cc).
mktable() { as_base "$TOOLS/deliver_mktable" "$BHOME" || fail "deliver_mktable failed"; }

SENDER_ADDR=alice@sender.example

# qmail_deliver EXT [VDELIVER-ARG]...: vdeliver with the environment
# qmail-local gives .qmail-default's command for mail to EXT@virtual.example
# (virtualdomains: virtual.example:vmdbase), stdin as given; sets rc, out,
# err like run. SENDER_ADDR and DELIVER_RECORD_EXIT are passed on.
qmail_deliver() {
  local ext=$1; shift
  local o e
  o=$(mktemp "$T/.out.XXXXXX"); e=$(mktemp "$T/.err.XXXXXX")
  as_base env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VETC" DELIVER_RECORD="$REC" \
    ${DELIVER_RECORD_EXIT:+DELIVER_RECORD_EXIT=$DELIVER_RECORD_EXIT} \
    USER="$BASE" HOME="$BHOME" LOCAL="$BASE-$ext" HOST=virtual.example EXT="$ext" \
    RECIPIENT="$BASE-$ext@virtual.example" SENDER="$SENDER_ADDR" \
    "DTLINE=Delivered-To: $BASE-$ext@virtual.example
" "RPLINE=Return-Path: <$SENDER_ADDR>
" "UFLINE=From $SENDER_ADDR Thu Nov 22 02:48:00 2026
" "$TOP/vdeliver" "$@" >"$o" 2>"$e"
  rc=$?
  out=$(cat "$o"); err=$(cat "$e"); rm -f "$o" "$e"
}

# postfix_deliver EXTENSION [VDELIVER-ARG]...: the environment local(8)
# gives a ~/.forward command for EXTENSION@virtual.example mapped by
# virtual_alias_maps to vmdbase+EXTENSION (myorigin mx.example). An empty
# EXTENSION leaves it unset (mail to the base user itself). PF_SENDER_ENV,
# when set, is $SENDER instead of SENDER_ADDR (local(8)'s filtered copy).
postfix_deliver() {
  local ext=$1; shift
  local o e
  o=$(mktemp "$T/.out.XXXXXX"); e=$(mktemp "$T/.err.XXXXXX")
  as_base env -i PATH=/usr/bin:/bin VMAILMGR_ETC="$VETC" DELIVER_RECORD="$REC" \
    HOME="$BHOME" USER="$BASE" LOGNAME="$BASE" SHELL=/bin/sh LOCAL="$BASE+$ext" \
    DOMAIN=mx.example ${ext:+EXTENSION=$ext} SENDER="${PF_SENDER_ENV:-$SENDER_ADDR}" \
    RECIPIENT="$BASE+$ext@mx.example" ORIGINAL_RECIPIENT="$ext@virtual.example" \
    "$TOP/vdeliver" "$@" >"$o" 2>"$e"
  rc=$?
  out=$(cat "$o"); err=$(cat "$e"); rm -f "$o" "$e"
}

# What local(8) puts in front of a message it pipes to a command.
postfix_block() {
  local ext=$1
  printf 'From %s  Thu Nov 22 02:48:00 2026\nReturn-Path: <%s>\nX-Original-To: %s@virtual.example\nDelivered-To: %s+%s@mx.example\n' \
    "$SENDER_ADDR" "$SENDER_ADDR" "$ext" "$BASE" "$ext"
}

# Files of a Maildir sub-directory (new, cur, tmp), one per line, sorted.
files_in() { ls -A "$1" 2>/dev/null | sort; }
count_in() { files_in "$1" | grep -c . ; }
# The only file in DIR (fails unless there is exactly one).
only_file() {
  local n; n=$(count_in "$1")
  [ "$n" = 1 ] || fail "$1 holds $n files, expected 1: $(files_in "$1" | tr '\n' ' ')"
  echo "$1/$(files_in "$1")"
}
