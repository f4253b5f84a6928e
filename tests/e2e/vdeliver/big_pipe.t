# A 100 MB message from a pipe (stdin is not seekable) is stored byte for
# byte, quickly and in a small, constant amount of memory.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<<'joe mailbox hard=1000000000'
MD=$BHOME/users/joe
SIZE=$((100 * 1024 * 1024))
message() {
  printf 'Subject: big\nFrom: alice@sender.example\n\n'
  yes 'The quick brown fox jumps over the lazy dog, again and again and again.' | head -c "$SIZE"
}
want=$( { printf 'Return-Path: <alice@sender.example>\nDelivered-To: vmdbase-joe@virtual.example\n'; message; } | sha256sum)

start=$(date +%s%N)
message | as_base env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" EXT=joe HOST=virtual.example \
  SENDER=alice@sender.example "DTLINE=Delivered-To: vmdbase-joe@virtual.example
" "RPLINE=Return-Path: <alice@sender.example>
" "$TOOLS/deliver_maxrss" "$REC/rss" "$TOP/vdeliver" --quiet
rcs=("${PIPESTATUS[@]}")
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_eq "${rcs[1]}" 0 "vdeliver exit"
f=$(only_file "$MD/new")
expect_eq "$(sha256sum < "$f")" "$want" "stored bytes"
[[ $f == *",S=$(stat -c %s "$f")" ]] || fail "size in name: $f"
expect_eq "$(files_in "$MD/tmp")" "" "tmp/"
rss=$(cat "$REC/rss")
echo "peak RSS ${rss} KiB, ${ms} ms"
[ "$rss" -gt 0 ] && [ "$rss" -lt 8192 ] || fail "peak RSS ${rss} KiB, expected under 8192"
[ "$ms" -lt 20000 ] || fail "took ${ms} ms"
expect_eq "$(tail -n 1 "$MD/maildirsize")" "$(stat -c %s "$f") 1" "maildirsize line"
