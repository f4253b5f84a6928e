# The maildrop and fetchmail lines of INSTALL ("maildrop and fetchmail"),
# run exactly as given there (placeholders filled in):
# - fetchmail's mda string through sh -c with the value fetchmail puts for
#   %F (the sender in single quotes), always;
# - the real fetchmail 6.4 (Debian 12's, unpacked by tests/debs) against a
#   POP3 server of this test on 127.0.0.1: the stored copies, the messages
#   deleted on the server, a message with the mailbox's own Delivered-To line
#   refused as a loop and left on the server, then taken with dropdelivered;
# - the real maildrop 2.9 (Debian 12's, unpacked) with INSTALL's .mailfilter:
#   the stored copy from a sender and from the null sender, maildrop's exit
#   status for an unknown account (67) and a temporary failure (75).
# When a package cannot be had, its part is left out and the test ends with
# exit 77 (skip) after the others.
source "$TOP/tests/lib.sh"
source "$TOP/tests/mta.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<'EOF2'
joe mailbox
EOF2
MD=$BHOME/users/joe
skipped=()

subst=("<conf-home>/bin/vdeliver" "$TOP/vdeliver" "example.com" "virtual.example")
maildrop_filter=$(install_snippet "maildrop and fetchmail" 1 | snippet_subst "${subst[@]}")
fetchmail_line=$(install_snippet "maildrop and fetchmail" 2 | snippet_subst "${subst[@]}")
[[ $fetchmail_line =~ ^mda\ \"(.*)\"$ ]] || fail "INSTALL's fetchmail line is not mda \"...\": [$fetchmail_line]"
mda=${BASH_REMATCH[1]}

# as_vm VAR=VALUE... -- CMD...: CMD as the base user with only these variables
# (and PATH, HOME, the settings directory), stdin as given; sets rc, out, err.
as_vm() {
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done; shift
  local o e
  o=$(mktemp "$T/.out.XXXXXX"); e=$(mktemp "$T/.err.XXXXXX")
  as_base env -i PATH=/usr/bin:/bin HOME="$BHOME" VMAILMGR_ETC="$VETC" "${vars[@]}" "$@" >"$o" 2>"$e"
  rc=$?
  out=$(cat "$o"); err=$(cat "$e"); rm -f "$o" "$e"
}
# stored HEAD FILE: the only copy in joe's new/ is HEAD then FILE's bytes;
# removes it.
stored() {
  local f
  f=$(only_file "$MD/new") || exit 1
  expect_eq "$(cat "$f"; echo x)" "$1$(cat "$2"; echo x)" "${3:-the stored copy}"
  rm -f "$f"
}

MSG=$'From: Alice <alice@sender.example>\nTo: joe@virtual.example\nSubject: by hand\n\nHello.\n.a dot\nFrom the start of a line.\n'
printf '%s' "$MSG" > "$T/msg"

# 1. fetchmail's mda string as fetchmail runs it: %F becomes the sender in
# single quotes ('' for none), then /bin/sh -c.
for s in alice@sender.example ""; do
  cmd=${mda//%F/\'$s\'}
  as_vm -- /bin/sh -c "$cmd" < "$T/msg"
  expect_rc 0 "sh -c [$cmd]"
  stored "Return-Path: <$s>"$'\nDelivered-To: joe@virtual.example\n' "$T/msg" "the copy from sh -c with %F='$s'"
done

# 2. The real fetchmail against our POP3 server (one user, the files of
# $T/pop/box as the mailbox; DELE removes a file at QUIT; every command is
# logged to $T/pop/log).
mkdir -p "$T/pop/box"
cat > "$T/pop/pop3.py" <<'PY'
import os, socket, sys
port_file, box, log_path = sys.argv[1:4]
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
with open(port_file + ".tmp", "w") as p:
    p.write("%d\n" % srv.getsockname()[1])
os.rename(port_file + ".tmp", port_file)
log = open(log_path, "a", buffering=1)
while True:
    conn, _ = srv.accept()
    f = conn.makefile("rwb", buffering=0)
    def send(s): f.write(s.encode() + b"\r\n")
    names = sorted(os.listdir(box))
    msgs = [open(os.path.join(box, n), "rb").read() for n in names]
    deleted = set()
    send("+OK test POP3 server")
    while True:
        line = f.readline()
        if not line:
            break
        cmd = line.decode(errors="replace").strip()
        log.write(cmd + "\n")
        verb, args = cmd.split(" ")[0].upper(), cmd.split(" ")[1:]
        if verb == "CAPA":
            for l in ("+OK", "USER", "UIDL", "TOP", "."): send(l)
        elif verb in ("USER", "PASS", "NOOP"):
            send("+OK")
        elif verb == "STAT":
            send("+OK %d %d" % (len(msgs), sum(map(len, msgs))))
        elif verb in ("LIST", "UIDL"):
            item = lambda i: "%d %s" % (i + 1, len(msgs[i]) if verb == "LIST" else names[i])
            if args:
                send("+OK " + item(int(args[0]) - 1))
            else:
                send("+OK")
                for i in range(len(msgs)): send(item(i))
                send(".")
        elif verb in ("RETR", "TOP"):
            m = msgs[int(args[0]) - 1]
            send("+OK %d octets" % len(m))
            for l in m.splitlines():
                f.write((b"." if l.startswith(b".") else b"") + l + b"\r\n")
            send(".")
        elif verb == "DELE":
            deleted.add(int(args[0]) - 1)
            send("+OK")
        elif verb == "QUIT":
            for i in deleted: os.unlink(os.path.join(box, names[i]))
            send("+OK")
            break
        else:
            send("-ERR unknown command")
    conn.close()
PY
if why=$("$TOP/tests/debs" "$T/fetchmail" fetchmail 2>&1); then
  FETCHMAIL=$T/fetchmail/usr/bin/fetchmail
  python3 "$T/pop/pop3.py" "$T/pop/port" "$T/pop/box" "$T/pop/log" &
  POP_PID=$!
  trap 'kill $POP_PID 2>/dev/null; wait $POP_PID 2>/dev/null' EXIT
  for i in $(seq 50); do [ -f "$T/pop/port" ] && break; sleep 0.1; done
  [ -f "$T/pop/port" ] || fail "the POP3 server did not start"
  # fetchrc [OPTION...]: ~/.fetchmailrc, one poll entry with INSTALL's mda line.
  fetchrc() {
    printf 'poll 127.0.0.1 port %s protocol pop3\n  user "joe" there with password "secret" is %s here sslproto %s %s\n  %s\n' \
      "$(cat "$T/pop/port")" "$BASE" "''" "$*" "$fetchmail_line" > "$BHOME/.fetchmailrc"
    chown "$BASE_UID:$BASE_UID" "$BHOME/.fetchmailrc"
    chmod 600 "$BHOME/.fetchmailrc"
  }
  fetch() {
    : > "$T/pop/log"
    as_vm USER="$BASE" LOGNAME="$BASE" -- "$FETCHMAIL" --nodetach --nosyslog -v
  }
  printf 'Return-Path: <alice@sender.example>\n%s' "${MSG/by hand/one}" > "$T/pop/box/1"
  printf '%s' "${MSG/by hand/two}" > "$T/pop/box/2"
  printf 'Return-Path: <>\n%s' "${MSG/by hand/three}" > "$T/pop/box/3"
  cp "$T/pop/box/1" "$T/pop/1"; cp "$T/pop/box/2" "$T/pop/2"; cp "$T/pop/box/3" "$T/pop/3"
  fetchrc
  fetch
  expect_rc 0 "fetchmail ($out $err)"
  expect_eq "$(grep -E '^(TOP|RETR|DELE) ' "$T/pop/log" | tr '\n' ' ')" \
    "TOP 1 99999999 DELE 1 TOP 2 99999999 DELE 2 TOP 3 99999999 DELE 3 " "fetchmail's reads and deletes"
  expect_eq "$(files_in "$T/pop/box")" "" "the mailbox on the server"
  expect_eq "$(count_in "$MD/new")" 3 "copies stored by fetchmail"
  host=$(uname -n)
  # Each copy: vdeliver's two lines, fetchmail's Received, the message.
  for n in 1 2 3; do
    case $n in 1) s=alice@sender.example ;; 2) s=alice@sender.example ;; 3) s= ;; esac
    subject=$(sed -n 's/^Subject: //p' "$T/pop/$n")
    f=$(grep -l -x "Subject: $subject" "$MD/new/"*) || fail "no stored copy of message $n"
    got=$(cat "$f"; echo x)
    head="Return-Path: <$s>"$'\nDelivered-To: joe@virtual.example\n'
    [[ $got == "$head"* ]] || fail "fetchmail's copy $n starts [$(head -n 2 "$f")]"
    received=$(printf '%s' "${got#"$head"}" | head -n 3)
    [[ $received =~ ^"Received: from 127.0.0.1 [127.0.0.1]"$'\n\t'"by $host with POP3 (fetchmail-6.4."[0-9]+")"$'\n\t'"for <$BASE@localhost> (single-drop); "[A-Z][a-z]{2}", "[0-9]{2}" "[A-Z][a-z]{2}" "[0-9]{4}" "[0-9:]{8}" "[+-][0-9]{4}" ("[A-Z]+")"$ ]] ||
      fail "fetchmail's Received in copy $n: [$received]"
    expect_eq "$got" "$head$received"$'\n'"$(cat "$T/pop/$n"; echo x)" "fetchmail's copy $n"
    rm -f "$f"
  done
  # The mailbox's own "Delivered-To: joe@virtual.example": vdeliver refuses
  # it as a loop (100), fetchmail leaves it on the server; with dropdelivered
  # fetchmail drops that line and the message is delivered and deleted.
  printf 'Return-Path: <alice@sender.example>\nDelivered-To: joe@virtual.example\n%s' "${MSG/by hand/four}" > "$T/pop/box/4"
  fetch
  expect_eq "$(grep -E '^(TOP|RETR|DELE) ' "$T/pop/log" | tr '\n' ' ')" "TOP 1 99999999 " "fetchmail's reads of the looping message"
  grep -qF "vdeliver: fatal: message is looping: it already has the line 'Delivered-To: joe@virtual.example'" <<<"$out$err" ||
    fail "fetchmail's output lacks vdeliver's refusal: $out $err"
  grep -qF "MDA returned nonzero status 100" <<<"$out$err" || fail "fetchmail's output: $out $err"
  expect_eq "$(files_in "$T/pop/box")$(files_in "$MD/new")" "4" "the looping message left on the server only"
  fetchrc dropdelivered
  fetch
  expect_rc 0 "fetchmail with dropdelivered ($out $err)"
  expect_eq "$(grep -E '^(TOP|RETR|DELE) ' "$T/pop/log" | tr '\n' ' ')" "TOP 1 99999999 DELE 1 " "fetchmail with dropdelivered"
  f=$(only_file "$MD/new") || exit 1
  expect_eq "$(grep -c '^Delivered-To: ' "$f")" 1 "Delivered-To lines with dropdelivered (vdeliver's)"
  expect_eq "$(head -n 2 "$f")" $'Return-Path: <alice@sender.example>\nDelivered-To: joe@virtual.example' "the copy with dropdelivered"
  rm -f "$f"
  kill "$POP_PID"; wait "$POP_PID" 2>/dev/null
  trap - EXIT
  expect_eq "$(files_in "$T/pop/box")" "" "the mailbox on the server at the end"
else
  echo "fetchmail: $why"
  skipped+=("fetchmail ($why)")
fi

# 3. The real maildrop, in delivery mode (no filter named: ~/.mailfilter) as
# the base user, started with -f and the sender as a mail system does.
if why=$("$TOP/tests/debs" "$T/maildrop" maildrop courier-authlib libcourier-unicode4 libltdl7 2>&1); then
  # Set-gid mail in the package (for mbox locking, not used here): without
  # that bit the loader takes LD_LIBRARY_PATH, where the unpacked libraries are.
  find "$T/maildrop" -perm /6000 -type f -exec chmod ug-s {} +
  libs=$(find "$T/maildrop" -name '*.so*' -printf '%h\n' | sort -u | tr '\n' ':')
  MAILDROP=$T/maildrop/usr/bin/maildrop
  printf '%s\n' "$maildrop_filter" > "$BHOME/.mailfilter"
  chown "$BASE_UID:$BASE_UID" "$BHOME/.mailfilter"
  chmod 600 "$BHOME/.mailfilter"
  for s in alice@sender.example ""; do
    as_vm LD_LIBRARY_PATH="$libs" -- "$MAILDROP" -f "$s" < "$T/msg"
    expect_rc 0 "maildrop -f '$s' ($err)"
    stored "Return-Path: <$s>"$'\nDelivered-To: joe@virtual.example\n' "$T/msg" "maildrop's copy from <$s>"
  done
  # maildrop exits with vdeliver's status.
  chmod 000 "$MD/tmp"
  as_vm LD_LIBRARY_PATH="$libs" -- "$MAILDROP" -f alice@sender.example < "$T/msg"
  chmod 700 "$MD/tmp"
  expect_rc 75 "maildrop, joe's tmp/ unwritable"
  [[ $err == "vdeliver: fatal: temporary failure: unable to create a file in $MD/tmp: Permission denied" ]] || fail "maildrop's stderr: [$err]"
  sed 's/--recipient joe/--recipient nobody/' "$BHOME/.mailfilter" > "$T/mf" && cat "$T/mf" > "$BHOME/.mailfilter"
  as_vm LD_LIBRARY_PATH="$libs" -- "$MAILDROP" -f alice@sender.example < "$T/msg"
  expect_rc 67 "maildrop, unknown account"
  expect_err "vdeliver: fatal: no such user 'nobody'"
  expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")" "" "nothing stored by the refusals"
else
  echo "maildrop: $why"
  skipped+=("maildrop ($why)")
fi

expect_eq "$(files_in "$MD/new")$(files_in "$MD/tmp")$(files_in "$MD/cur")" "" "joe's Maildir at the end"
[ ${#skipped[@]} = 0 ] || skip "not run: ${skipped[*]}"
exit 0
