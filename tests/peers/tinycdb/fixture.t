#!/usr/bin/env bash
# The passwd.cdb written by the original VMailMgr 0.97: we read it exactly as
# tinycdb does, and writing its records again gives the same bytes.
source "$TOP/tests/lib.sh"
need cdb
need sha256sum
cdbtool=$TOOLS/cdbtool
[ -x "$cdbtool" ] || fail "$cdbtool is not built"
fixture="$TOP/tests/fixtures/vmailmgr-0.97/passwd.cdb"
[ -r "$fixture" ] || skip "$fixture is not here"
cp "$fixture" "$T/passwd.cdb"  # work on a copy; the fixture stays untouched
db=$T/passwd.cdb

sha() { sha256sum "$1" | cut -d' ' -f1; }
expect_eq "$(sha "$db")" 4f14b3a16b3683ba8459641ecb137e81435c7546ab9d9a7d5b0a932fd70271b0 \
  "sha256 of the fixture"

"$cdbtool" dump "$db" > "$T/ours.dump" || fail "cdbtool dump failed"
cdb -d "$db" > "$T/theirs.dump" || fail "cdb -d failed"
cmp "$T/ours.dump" "$T/theirs.dump" || fail "our dump differs from cdb -d"
expect_eq "$(stat -c %s "$T/ours.dump")" 828 "size of the dump"
expect_eq "$(sha "$T/ours.dump")" e2a72ee91248e314014223bd2043d693ea8de0def0521df2461b02ace215643a \
  "sha256 of the dump (EXPECTED.md)"

# Every key of the table (from tinycdb's list) finds the same bytes both ways.
keys=$(cdb -l "$db" | sed -n 's/^+[0-9]*:\(.*\)$/\1/p')
n=0
while IFS= read -r key; do
  [ -n "$key" ] || continue
  cdb -q -n 1 "$db" "$key" > "$T/theirs.val" || fail "cdb -q [$key] failed"
  "$cdbtool" get "$db" "$key" > "$T/ours.val" || fail "cdbtool get [$key] failed"
  cmp -s "$T/ours.val" "$T/theirs.val" || fail "[$key]: our value differs from cdb -q"
  n=$((n + 1))
done <<<"$keys"
expect_eq "$n" 9 "number of keys looked up"
run "$cdbtool" get "$db" Greta  # keys are stored lowercased; lookups are exact
expect_rc 100 "cdbtool get Greta"

# Rewriting the records in file order gives the original file byte for byte.
"$cdbtool" make "$T/again.cdb" < "$T/ours.dump" || fail "cdbtool make failed"
cmp "$T/again.cdb" "$db" || fail "rewritten table differs from the original"
exit 0
