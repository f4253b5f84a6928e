# The From-line dates vimport gives its files, against Perl's Date::Parse
# (what mb2md uses): 12000 date texts of every form mail software wrote
# (dates.py), in time zones with and without daylight saving and a
# half-hour one, at the hours daylight saving skips or repeats.
source "$TOP/tests/lib.sh"
need python3
need perl
perl -MDate::Parse -e 1 2>/dev/null || skip "Perl's Date::Parse (libtimedate-perl) is not installed"
[ -x "$TOOLS/loose_date" ] || fail "$TOOLS/loose_date is not built"
python3 "$TOP/tests/e2e/vimport/dates.py" 7 12000 > "$T/dates" || fail "dates.py"
for tz in UTC Europe/Berlin Australia/Lord_Howe; do
  TZ=$tz "$TOOLS/loose_date" < "$T/dates" > "$T/ours" || fail "loose_date in $tz"
  TZ=$tz perl -MDate::Parse -ne 'chomp; my $t = str2time($_); print defined $t ? int($t) : "undef", "\n"' \
    < "$T/dates" > "$T/perl" || fail "perl in $tz"
  differ=$(paste -d '|' "$T/dates" "$T/ours" "$T/perl" | awk -F'|' '$2 != $3' | head -5)
  [ -z "$differ" ] || fail "$tz: date text|ours|Date::Parse differ: $differ"
  undefs=$(grep -c undef "$T/perl")
  [ "$undefs" -gt 100 ] && [ "$undefs" -lt 10000 ] || fail "$tz: $undefs dates Date::Parse cannot read: not the mix intended"
done
exit 0
