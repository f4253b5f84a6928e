#!/usr/bin/env bash
# 20 vadduser processes at once, 50 accounts each: exactly 1000 accounts,
# each with its Maildir, none lost to a concurrent writer.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
# A hashed layout too, so processes race to make the same levels.
base_dir "$BHOME/.vmailmgr"
echo 4 > "$BHOME/.vmailmgr/user-dir-bits"; echo 1 > "$BHOME/.vmailmgr/user-dir-slices"

cat > "$T/adders" <<'SCRIPT'
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
for w in $(seq 1 20); do
  ( fails=0
    for i in $(seq 1 50); do "$1" -P --quiet "w$w-u$i" || fails=$((fails + 1)); done
    exit $fails ) &
  pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
pids=()
echo "workers with failures: $bad"
SCRIPT
run as_base bash "$T/adders" "$BIN/vadduser"
expect_rc 0 "the adders"
expect_out "workers with failures: 0"
expect_err ""

expect_eq "$(cdb -l "$BHOME/passwd.cdb" | grep -c "^+")" 1000 "records in the table (cdb -l)"
expect_eq "$("$TOOLS/account_show" "$BHOME/passwd.cdb" | cut -d' ' -f1 | sort -u | wc -l)" 1000 "distinct accounts"
for w in 1 7 20; do
  for i in 1 25 50; do
    "$TOOLS/account_show" "$BHOME/passwd.cdb" | grep -q "^w$w-u$i pw=\* dir=./users/[0-9a-f]/w$w-u$i " ||
      fail "w$w-u$i is missing or wrong"
  done
done
expect_eq "$(find "$BHOME/users" -mindepth 2 -maxdepth 2 -type d | wc -l)" 1000 "account directories"
expect_eq "$(find "$BHOME/users" -mindepth 3 -maxdepth 3 -type d -name new | wc -l)" 1000 "Maildirs"
expect_eq "$(ls "$BHOME" | grep -c 'passwd.cdb.tmp')" 0 "temporary files left"
exit 0
