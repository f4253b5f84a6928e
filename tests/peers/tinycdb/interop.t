#!/usr/bin/env bash
# Our CDB writer and reader against tinycdb's cdb(1), both ways: files we
# write are read by `cdb -d` / `cdb -q`, files `cdb -c` writes are read by us,
# and both writers make identical bytes from the same input.
source "$TOP/tests/lib.sh"
need cdb
export LC_ALL=C  # ${#var} must count bytes
cdbtool=$TOOLS/cdbtool
[ -x "$cdbtool" ] || fail "$cdbtool is not built"

# Inputs in cdbmake format (`+klen,dlen:key->data` lines, then an empty line).
printf '\n' > "$T/zero.in"
printf '+1,1:a->b\n\n' > "$T/one.in"
{
  printf '+0,9:->empty key\n'
  printf '+6,0:nodata->\n'
  printf '+3,13:\x80\xff\xfe->eight-bit key\n'
  printf '+3,3:\xe9t\xe9->\xff\x80x\n'
  printf '+9,10:line\nfeed->two\nlines\n\n'
  printf '+7,9:nul\0key->nul\0data\0\n'
  printf '+1,1:\0->\n\n'
  printf '+3,1:dup->1\n+3,1:dup->2\n+3,0:dup->\n+3,1:dup->4\n'
  printf '\n'
} > "$T/awkward.in"
{
  # Every single-byte key: a signed-char hash would misplace half of them.
  for ((i = 0; i < 256; i++)); do
    printf '+1,%d:' $((1 + ${#i}))
    printf "\\$(printf %03o "$i")"
    printf -- '->b%d\n' "$i"
  done
  printf '\n'
} > "$T/bytes.in"
{
  # 600 records in one hash table, more than tinycdb keeps in one chunk.
  for ((i = 1; i <= 600; i++)); do printf '+3,%d:dup->%d\n' "${#i}" "$i"; done
  printf '\n'
} > "$T/dups.in"
big_record() {  # sets k and d to the key and data of record $1 of big.in
  k="user$1" d="data $1"
  if (($1 % 3 == 0)); then k+=$'\xc3\xa9'; fi
  if (($1 % 5 == 0)); then d+=$'\nline2'; fi
}
{
  for ((i = 0; i < 10000; i++)); do
    big_record "$i"
    printf '+%d,%d:%s->%s\n' "${#k}" "${#d}" "$k" "$d"
  done
  printf '\n'
} > "$T/big.in"

inputs="zero one awkward bytes dups big"
for name in $inputs; do
  in=$T/$name.in
  "$cdbtool" make "$T/$name.ours.cdb" < "$in" || fail "$name: cdbtool make failed"
  cdb -c "$T/$name.theirs.cdb" < "$in" || fail "$name: cdb -c rejected the input"
  # tinycdb reads ours: the dump is the input again (records in file order).
  cdb -d "$T/$name.ours.cdb" > "$T/$name.dump1" || fail "$name: cdb -d of ours failed"
  cmp -s "$T/$name.dump1" "$in" || fail "$name: cdb -d of ours differs from the input"
  # We read tinycdb's, in its dump format.
  "$cdbtool" dump "$T/$name.theirs.cdb" > "$T/$name.dump2" || fail "$name: our dump failed"
  cmp -s "$T/$name.dump2" "$in" || fail "$name: our dump of tinycdb's file differs"
  # Same input, same order: the same bytes.
  cmp "$T/$name.ours.cdb" "$T/$name.theirs.cdb" || fail "$name: ours and cdb -c differ"
done
expect_eq "$(stat -c %s "$T/zero.ours.cdb")" 2048 "size of an empty database"

# check_query DB KEY WANT [N]: `cdb -q [-n N]` and our get give exactly the
# bytes of printf WANT (our get is always the first record).
check_query() {
  local db=$1 key=$2 want=$3 n=${4:-}
  printf -- "$want" > "$T/want"
  if [ -n "$n" ]; then cdb -q -n "$n" "$db" "$key" > "$T/got"; else cdb -q "$db" "$key" > "$T/got"; fi
  rc=$?
  expect_rc 0 "cdb -q $db [$key]"
  cmp -s "$T/got" "$T/want" || fail "cdb -q $db [$key]: got [$(cat -v "$T/got")]"
  if [ -z "$n" ] || [ "$n" = 1 ]; then
    "$cdbtool" get "$db" "$key" > "$T/got"
    rc=$?
    expect_rc 0 "cdbtool get $db [$key]"
    [ -z "$n" ] && return 0  # without -n, cdb printed every value; ours gives the first
    cmp -s "$T/got" "$T/want" || fail "cdbtool get $db [$key]: got [$(cat -v "$T/got")]"
  fi
}
check_missing() {
  run cdb -q "$1" "$2"
  expect_rc 100 "cdb -q $1 [$2] (missing)"
  run "$cdbtool" get "$1" "$2"
  expect_rc 100 "cdbtool get $1 [$2] (missing)"
  expect_out "" "cdbtool get of a missing key"
}

for side in ours theirs; do
  db=$T/awkward.$side.cdb
  check_query "$db" "" 'empty key' 1
  check_query "$db" nodata '' 1
  check_query "$db" $'\x80\xff\xfe' 'eight-bit key' 1
  check_query "$db" $'\xe9t\xe9' '\xff\x80x' 1
  check_query "$db" $'line\nfeed' 'two\nlines\n' 1
  check_query "$db" dup '1' 1
  check_query "$db" dup '2' 2
  check_query "$db" dup '' 3
  check_query "$db" dup '4' 4
  check_query "$db" dup '124'
  check_missing "$db" nul
  check_missing "$db" $'\x80\xff'
  check_missing "$db" DUP
  check_missing "$T/zero.$side.cdb" ""
  check_missing "$T/zero.$side.cdb" a
  check_query "$T/one.$side.cdb" a 'b' 1
  check_query "$T/dups.$side.cdb" dup '1' 1
  check_query "$T/dups.$side.cdb" dup '300' 300
  check_query "$T/dups.$side.cdb" dup '600' 600
  for i in 1 65 127 128 129 200 233 254 255; do
    check_query "$T/bytes.$side.cdb" "$(printf "\\$(printf %03o "$i")")" "b$i" 1
  done
  for ((i = 0; i < 10000; i += 199)); do
    big_record "$i"
    check_query "$T/big.$side.cdb" "$k" "$d" 1
  done
  check_missing "$T/big.$side.cdb" user10000
  check_missing "$T/big.$side.cdb" user3
done

# Errors from our tool: exit 111 with a message, 100 only for a missing key.
printf '+1,1:a->b\n' > "$T/noend.in"
run "$cdbtool" make "$T/noend.cdb" < "$T/noend.in"
expect_rc 111 "cdbtool make without the final empty line"
expect_err "cdbtool: fatal: bad input format at byte 10"
[ ! -e "$T/noend.cdb" ] || fail "a rejected input left a file behind"
head -c 2060 "$T/one.ours.cdb" > "$T/cut.cdb"
run "$cdbtool" get "$T/cut.cdb" a
expect_rc 111 "cdbtool get on a truncated file"
expect_err "cdbtool: fatal: $T/cut.cdb is corrupt: hash table 196 runs past the end of the file"
run "$cdbtool" dump "$T/missing.cdb"
expect_rc 111 "cdbtool dump of a missing file"
expect_err "cdbtool: fatal: unable to open $T/missing.cdb: No such file or directory"
exit 0
