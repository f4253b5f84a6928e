# 200 deliveries to one Maildir at the same time: 200 distinct, complete
# files, nothing left in tmp/, and maildirsize counting every one of them.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
mktable <<<'joe mailbox hard=100000000'
MD=$BHOME/users/joe
N=200
# One delivery first makes maildirsize; during the run every process then
# only appends to it (recounts racing each other are approximate by design).
qmail_deliver joe <<<$'Subject: first\n\nfirst\n'
expect_rc 0 "first delivery"
first=$(only_file "$MD/new")
first_size=$(stat -c %s "$first")
cat > "$T/many" <<EOF2
#!/bin/bash
# Runs as the base user: starts $N vdeliver processes, waits for each by pid.
pids=()
for i in \$(seq $N); do
  { printf 'Subject: message %d\n\n' "\$i"; head -c \$(( (i % 7) * 5000 + 100 )) /dev/zero | tr '\0' "x"; printf '\nend %d\n' "\$i"; } |
    env -i HOME="$BHOME" VMAILMGR_ETC="$VETC" EXT=joe HOST=virtual.example SENDER=a@b.example \
      "DTLINE=Delivered-To: vmdbase-joe@virtual.example
" "RPLINE=Return-Path: <a@b.example>
" "$TOP/vdeliver" --quiet &
  pids+=(\$!)
done
failed=0
for p in "\${pids[@]}"; do wait "\$p" || failed=\$((failed + 1)); done
echo "\$failed"
EOF2
chmod 755 "$T/many"
failed=$(as_base "$T/many")
expect_eq "$failed" 0 "failed deliveries"
rm "$first"
expect_eq "$(count_in "$MD/new")" "$N" "files in new/"
expect_eq "$(files_in "$MD/tmp")" "" "tmp/"
expect_eq "$(files_in "$MD/new" | sed 's/,S=.*//' | sort -u | wc -l)" "$N" "distinct names"
total=0
for i in $(seq $N); do
  f=$(grep -l "^Subject: message $i\$" "$MD/new/"*) || fail "message $i missing"
  [ "$(echo "$f" | wc -l)" = 1 ] || fail "message $i stored twice"
  want=$( { printf 'Return-Path: <a@b.example>\nDelivered-To: vmdbase-joe@virtual.example\nSubject: message %d\n\n' "$i"; head -c $(( (i % 7) * 5000 + 100 )) /dev/zero | tr '\0' x; printf '\nend %d\n' "$i"; } | sha256sum)
  expect_eq "$(sha256sum < "$f")" "$want" "message $i"
  size=$(stat -c %s "$f")
  [[ $f == *",S=$size" ]] || fail "size in name of $f"
  total=$((total + size))
done
sum=$(tail -n +2 "$MD/maildirsize" | awk '{b += $1; c += $2} END {print b, c}')
expect_eq "$sum" "$((total + first_size)) $((N + 1))" "maildirsize totals"
