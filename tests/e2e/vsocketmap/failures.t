# vsocketmap when a table cannot be trusted: TEMP (Postfix answers 4xx and
# retries), a warning on stderr, the connection goes on; never a password
# or a field of a record, never a root-only file read through a symlink.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/lookup_world.sh"
lookup_world

{
  req "virtual bad@bad.test"       # a record that does not decode
  req "virtual joe@sym.test"       # a table that is a symlink to root's file
  req "virtual rootonly@sym.test"  # ... which root could read: it holds rootonly
  req "virtual joe@zero.test"      # a 0-byte table
  req "virtual joe@example.test"   # the connection goes on
} > "$T/in"
sm virtual
expect_rc 0 "vsocketmap"
bad="$T/home/vmlbad/passwd.cdb: the record of account 'bad' does not decode"
sym="unable to open $T/home/vmlsym/passwd.cdb: Permission denied"
zero="$T/home/vmlzero/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header"
expect_out "$(req "TEMP $bad")$(req "TEMP $sym")$(req "TEMP $sym")$(req "TEMP $zero")$(req "OK vmlbase+joe")" "replies"
expect_err "vsocketmap: warning: unable to look up bad@bad.test: $bad
vsocketmap: warning: unable to look up joe@sym.test: $sym
vsocketmap: warning: unable to look up rootonly@sym.test: $sym
vsocketmap: warning: unable to look up joe@zero.test: $zero" "warnings"
for secret in LEAK ROOTSECRET secret; do
  grep -q "$secret" <<<"$out$err" && fail "'$secret' was printed: $out $err"
done

# A corrupt table, a missing home, a control file that cannot be read.
cp "$T/home/vmlbase/passwd.cdb" "$T/saved.cdb"
head -c 2100 "$T/saved.cdb" > "$T/home/vmlbase/passwd.cdb"
req "virtual joe@example.test" > "$T/in"
sm virtual
expect_rc 0 "corrupt table"
[[ $out == *":TEMP $T/home/vmlbase/passwd.cdb is corrupt: "*, ]] || fail "corrupt table: [$out]"
cp "$T/saved.cdb" "$T/home/vmlbase/passwd.cdb"
mv "$T/home/vmlcatch" "$T/moved"
req "virtual boss@catch.test" > "$T/in"
sm virtual
expect_out "$(req "TEMP the home directory of base user vmlcatch, $T/home/vmlcatch, is not a directory")" "missing home"
mv "$T/moved" "$T/home/vmlcatch"
chmod 000 "$T/qmail/control"
sm virtual  # root reads control files as root: still fine
expect_out "$(req "OK vmlcatch+boss")" "control/ mode 000, as root"
chmod 755 "$T/qmail/control"
mv "$T/qmail/control/locals" "$T/locals"; mkdir "$T/qmail/control/locals"
sm virtual
expect_out "$(req "TEMP unable to read $T/qmail/control/locals: Is a directory")" "unreadable locals"
rmdir "$T/qmail/control/locals"; mv "$T/locals" "$T/qmail/control/locals"

# Not root: read with our own rights. As vmlbase its own domain works, the
# others' 0600 tables cannot be read: TEMP, never NOTFOUND.
{ req "virtual joe@example.test"; req "virtual boss@catch.test"; } > "$T/in"
run as_user vmlbase 2921 "$TOP/vsocketmap" virtual < "$T/in"
expect_rc 0 "as vmlbase"
expect_out "$(req "OK vmlbase+joe")$(req "TEMP unable to open $T/home/vmlcatch/.vmailmgr/password-file: Permission denied")" "as vmlbase"
exit 0
