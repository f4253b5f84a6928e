# vimport against Debian's mb2md on generated mailboxes of thousands of
# messages full of odd cases (mbox_gen.py: >From at every level, CR LF,
# lone CRs, 8-bit and NUL bytes, Status/X-Status/X-Mozilla-Status/
# X-Evolution flags, empty bodies, header-only messages, separators that do
# not separate, every From-line date form, no newline at the end, UW
# imapd's folder data): the same messages byte for byte, the same flags,
# the same file times, in a time zone with daylight saving.
source "$TOP/tests/lib.sh"
need mb2md
need python3
need perl
export TZ=Europe/Berlin
here=$TOP/tests/e2e/vimport
mkdir -p "$T/home" "$T/etc" "$T/spool" "$T/mb2md"
: > "$T/passwd"
for seed in 11 12 13; do
  python3 "$here/mbox_gen.py" "$seed" 1000 "$T/spool/u$seed" || fail "mbox_gen.py $seed"
  echo "u$seed:\$1\$salt\$hash" >> "$T/passwd"
done
start=$(date +%s)
run env HOME="$T/home" VMAILMGR_ETC="$T/etc" "$TOP/vimport" --quiet --passwd="$T/passwd" \
  --spool="$T/spool" pop3d example.test
expect_rc 0 "vimport"
expect_err ""
for seed in 11 12 13; do
  mb2md -s "$T/spool/u$seed" -d "$T/mb2md/u$seed" >/dev/null 2>&1 || fail "mb2md u$seed"
  run python3 "$here/mb2md_compare.py" "$T/home/users/u$seed" "$T/mb2md/u$seed" "$start"
  expect_rc 0 "u$seed against mb2md: $out"
  n=$(ls "$T/mb2md/u$seed/cur" | wc -l)
  [ "$n" -gt 900 ] || fail "u$seed: only $n messages"
done
exit 0
