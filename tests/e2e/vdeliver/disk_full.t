# Disk full while storing: a temporary failure (111 for qmail, 75 for
# Postfix) that leaves nothing in new/ and no tmp/ file, and frees the space.
# The Maildir sits on a 64 KiB tmpfs mounted in the test's private namespace.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<<"joe mailbox dir=./users/joe/Maildir"
MD=$BHOME/users/joe/Maildir
cat > "$T/full" <<EOF2
#!/bin/bash
# Runs as root inside the private namespace.
set -u
mount -t tmpfs -o size=64k,mode=0700,uid=$BASE_UID,gid=$BASE_UID vdeliver-full "$BHOME/users/joe" || exit 90
base() { setpriv --reuid=$BASE_UID --regid=$BASE_UID --init-groups "\$@"; }
base mkdir -p "$MD/new" "$MD/cur" "$MD/tmp"
deliver() {  # SIZE [Postfix]
  { printf 'Subject: big\n\n'; head -c "\$1" /dev/zero | tr '\0' y; } |
  if [ \$# = 2 ]; then
    base env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" EXTENSION=joe SENDER=a@b.example \
      RECIPIENT=vmdbase+joe@mx.example "$TOP/vdeliver"
  else
    base env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" EXT=joe HOST=virtual.example \
      SENDER=a@b.example "DTLINE=Delivered-To: vmdbase-joe@virtual.example
" "RPLINE=Return-Path: <a@b.example>
" "$TOP/vdeliver"
  fi
}
deliver 200000 2> "$T/err1"; echo "qmail \$?"
echo "new \$(ls -A "$MD/new" | wc -l) tmp \$(ls -A "$MD/tmp" | wc -l)"
deliver 200000 postfix 2> "$T/err2"; echo "postfix \$?"
echo "new \$(ls -A "$MD/new" | wc -l) tmp \$(ls -A "$MD/tmp" | wc -l)"
echo "free \$(df --output=used -k "$BHOME/users/joe" | tail -n 1 | tr -d ' ')"
deliver 1000 2>/dev/null; echo "small \$?"
echo "new \$(ls -A "$MD/new" | wc -l) tmp \$(ls -A "$MD/tmp" | wc -l)"
EOF2
chmod 755 "$T/full"
out=$(in_sandbox "$T/full")
expect_eq "$out" "qmail 111
new 0 tmp 0
postfix 75
new 0 tmp 0
free 0
small 0
new 1 tmp 0" "disk full results"
[[ $(cat "$T/err1") == "vdeliver: fatal: temporary failure: unable to write $MD/tmp/"*": No space left on device" ]] || fail "message: $(cat "$T/err1")"
