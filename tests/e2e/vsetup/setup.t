#!/usr/bin/env bash
# vsetup makes an empty home a domain, says what it did, and a second run
# changes nothing; an old .qmail-default is kept; hooks run around it.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/account_lib.sh"
need cdb
account_domain
vdeliver="|$(head -n1 "$TOP/conf-home")/bin/vdeliver"

run vm vsetup
expect_rc 0 "vsetup"
expect_out ""
expect_err "vsetup: created users directory.
vsetup: wrote '.qmail-default' file.
vsetup: added alias 'mailer-daemon'
vsetup: added alias 'postmaster'
vsetup: added alias 'root'"
expect_file_eq "$BHOME/.qmail-default" "$vdeliver"
expect_eq "$(state | sed 1d)" ". d 750 $BASE_UID
./.qmail-default f 644 $BASE_UID
./passwd.cdb f 600 $BASE_UID
./passwd.lock f 600 $BASE_UID
./users d 755 $BASE_UID" "files after vsetup"
# The aliases forward to postmaster-email as written and have no mailbox.
expect_eq "$(dump)" '+13,44:mailer-daemon->\x02\x0a\x00\x08\x01\x00*\x00\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x00NOW\x00-\x00
+10,44:postmaster->\x02\x0a\x00\x08\x01\x00*\x00\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x00NOW\x00-\x00
+4,44:root->\x02\x0a\x00\x08\x01\x00*\x00\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x00NOW\x00-\x00' "cdb -d after vsetup"

# Again: nothing changes, and it says so.
before=$(state)
run vm vsetup
expect_rc 0 "second vsetup"
expect_err "vsetup: nothing to do: the domain is already set up."
expect_state "$before" "second vsetup"

# A different .qmail-default is kept as .qmail-default~, an alias someone
# deleted comes back, existing accounts are kept.
base_file "$BHOME/.qmail-default" 600 "|/old/vdeliver
"
run vm vdeluser --quiet root
expect_rc 0 "vdeluser root"
run vm vsetup --quiet
expect_rc 0 "vsetup --quiet"
expect_err ""
run vm vsetup
expect_err "vsetup: nothing to do: the domain is already set up."
expect_file_eq "$BHOME/.qmail-default~" "|/old/vdeliver"
expect_file_eq "$BHOME/.qmail-default" "$vdeliver"
expect_eq "$(stat -c %a "$BHOME/.qmail-default")" 644 "mode of the new .qmail-default"
expect_eq "$("$TOOLS/account_show" "$BHOME/passwd.cdb" | cut -d' ' -f1 | tr '\n' ' ')" \
  "mailer-daemon postmaster root " "accounts after the repair"

# Hooks: a failing vsetup-pre stops everything; vsetup-post runs last.
rm -rf "$BHOME"/{users,.qmail-default,.qmail-default~,passwd.cdb,passwd.lock}
cat > "$ETCDIR/vsetup-pre" <<'HOOK'
#!/bin/sh
echo "pre in $PWD" >> "$HOME/hook.log"
exit 3
HOOK
chmod 755 "$ETCDIR/vsetup-pre"
before=$(state)
run vm vsetup
expect_rc 1 "vsetup with a failing pre hook"
expect_err "vsetup: fatal: vsetup-pre hook failed with exit status 3"
expect_file_eq "$BHOME/hook.log" "pre in $BHOME"
rm "$BHOME/hook.log"
expect_state "$(sed "/hook.log/d" <<<"$before")" "a failing vsetup-pre"

printf '#!/bin/sh\nexit 0\n' > "$ETCDIR/vsetup-pre"
base_dir "$BHOME/.vmailmgr"
printf '#!/bin/sh\n[ -f "$HOME/.qmail-default" ] && echo post >> "$HOME/hook.log"\nexit 5\n' > "$BHOME/.vmailmgr/vsetup-post"
chmod 755 "$BHOME/.vmailmgr/vsetup-post"
run vm vsetup --quiet
expect_rc 1 "vsetup with a failing post hook"
expect_err "vsetup: fatal: vsetup-post hook failed with exit status 5"
expect_file_eq "$BHOME/hook.log" "post"
[ -d "$BHOME/users" ] || fail "vsetup-post failing undid the setup"

# Usage and environment errors.
run vm vsetup extra
expect_rc 2 "vsetup extra"
expect_err "vsetup: unexpected operand 'extra'
vsetup: usage: vsetup [OPTION]..."
run vm vsetup --bogus
expect_rc 2 "vsetup --bogus"
run as_base env -u HOME "$BIN/vsetup"
expect_rc 1 "vsetup without HOME"
expect_err "vsetup: fatal: HOME is not set"
run vm vsetup --help
expect_rc 0 "vsetup --help"
[[ "$out" == "usage: vsetup [OPTION]..."* ]] || fail "--help: $out"
run vm vsetup --version
expect_rc 0 "vsetup --version"
expect_out "vsetup (vmailmgr) $(head -n1 "$TOP/VERSION")"
exit 0
