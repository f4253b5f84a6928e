#!/usr/bin/env bash
# vaddusers --hashed: each password field is a ready hash, stored byte for
# byte (accounts moved from another system keep their passwords); a field
# that cannot be a hash is a bad line. Without --hashed the same field is a
# plaintext password like any other.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
vm vsetup --quiet || fail "vsetup"

# greta's hash from VMailMgr 0.97 (EXPECTED.md: password Kestrel.Moss-42).
md5='$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.'
yes=$("$TOOLS/mktable" --hash 'Yew-Pass 9') || fail "mktable --hash"
input="greta $md5 gl
yara $yes
lock *
bad p$(printf '\344')sswort
"
run_in "$input" vm vaddusers --hashed
expect_rc 1 "vaddusers --hashed with a bad hash"
expect_err "vaddusers: line 4: invalid password hash (it must be printable ASCII without blanks)
vaddusers: user 'greta' successfully added
vaddusers: alias 'gl' successfully added, forwarding to greta
vaddusers: user 'yara' successfully added
vaddusers: user 'lock' successfully added"
expect_eq "$(show | sed -n '4,$p')" "greta pw=$md5 dir=./users/greta fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1
gl pw=* dir= fw=greta personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=0 enabled=1
yara pw=YESCRYPT dir=./users/yara fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1
lock pw=* dir=./users/lock fw= personal= quota=-/- size=- count=- ctime=NOW expiry=- mailbox=1 enabled=1"
expect_eq "$("$TOOLS/account_show" "$BHOME/passwd.cdb" | awk '$1 == "yara" { print $2 }')" "pw=$yes" \
  "yara's hash, byte for byte"
verify greta Kestrel.Moss-42 || fail "greta's moved password"
verify yara 'Yew-Pass 9' || fail "yara's moved password"
verify lock '*' && fail "a locked account verified"
# tinycdb reads the hash as given.
cdb -q "$BHOME/passwd.cdb" greta | tr '\0' '\n' | grep -qxF "$md5" || fail "cdb -q: greta's hash"
for a in greta yara lock; do
  [ -d "$BHOME/users/$a/new" ] || fail "$a has no Maildir"
done
[ -e "$BHOME/users/bad" ] && fail "a bad line made a directory"

# Without --hashed the field is a password like any other: hashed again.
run_in "kim $md5" vm vaddusers --quiet
expect_rc 0 "vaddusers with a hash-looking password"
verify kim "$md5" || fail "kim's password is the literal field"
verify kim Kestrel.Moss-42 && fail "kim's field was taken as a hash"

# Only bad lines: exit 1, nothing changed.
before=$(state)
run_in $'zed pass\001word\n' vm vaddusers --hashed --quiet
expect_rc 1 "vaddusers --hashed with only a bad line"
expect_err "vaddusers: line 1: invalid password hash (it must be printable ASCII without blanks)"
expect_state "$before" "vaddusers --hashed with only a bad line"
exit 0
