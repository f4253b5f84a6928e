# control/virtualdomains edited between two logins: the next login sees the
# new mapping at once, whether the edit replaced the file or rewrote it in
# place with its size and mtime unchanged; the index (control-index) is
# written by root's logins once the text has settled, and used after.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/checkvpw/world.sh"
world_init
VD=$T/qmail/control/virtualdomains
INDEX=$T/control-index/control.cdb
printf '%s\n' example.test:vmtbase other.test:vmtother > "$VD"

login() {  # login LOGIN RC: joe's password; expects exit RC (0: joe's Maildir)
  cvw_req "$1" joe-secret
  cvw "$PROBE" Maildir
  expect_rc "$2" "login $1"
  [ "$2" = 0 ] && expect_eq "$(probe_env MAILDIR)" "$BASE_HOME/users/joe" "MAILDIR for $1"
  return 0
}
inode() { stat -c %i "$INDEX"; }

# Just written: answered from the text, no index yet (an edit in the same
# timestamp tick could not be told apart).
login joe@example.test 0
[ -e "$INDEX" ] && fail "an index was written from a text edited a moment ago"
sleep 3.2
login joe@example.test 0
[ -f "$INDEX" ] || fail "no index after a login as root once the text settled"
expect_eq "$(stat -c '%a %u' "$INDEX")" "644 0" "index mode and owner"
first=$(inode)
login joe@example.test 0
expect_eq "$(inode)" "$first" "an up-to-date index is used, not rewritten"
login joe@other.test 1

# An editor's way: a new file renamed over the old one.
printf '%s\n' example.test:vmtother other.test:vmtbase > "$VD.new"
mv "$VD.new" "$VD"
login joe@example.test 1
login joe@other.test 0
expect_eq "$(inode)" "$first" "no index from a text edited a moment ago"
sleep 3.2
login joe@other.test 0
[ "$(inode)" != "$first" ] || fail "the index was not rebuilt after the edit"
login joe@example.test 1

# In place, same size, mtime put back: only ctime tells.
before=$(stat -c '%s %y' "$VD")
touch -r "$VD" "$T/mtime"
printf '%s\n' example.test:vmtother uther.test:vmtbase > "$VD"
touch -r "$T/mtime" "$VD"
expect_eq "$(stat -c '%s %y' "$VD")" "$before" "size and mtime unchanged"
login joe@other.test 1
login joe@uther.test 0

# control/locals too: a local domain's logins are system logins.
echo uther.test >> "$T/qmail/control/locals"
login joe@uther.test 1
exit 0
