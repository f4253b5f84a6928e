# Every command of vmailmgrd under unixserver (ucspi-unix), driven by the
# project's Python client module, with the exact replies; each change then
# checked with the shell tools (dumpvuser, listvdomain) and a checkvpw login.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vmailmgrd/world.sh"
vmd_world
vmd_serve_unix
trap vmd_stop EXIT

# The frames byte for byte: the reply of check, read raw.
run python3 -c '
import sys, vmailmgr_client as vm
c = vm.Client(socket_path=sys.argv[1])
sys.stdout.write(c.send_raw(vm.encode_request("check", "example.test", "joe", "joe-secret")).hex())' "$VMD_SOCKET"
expect_out "$(printf '\x00\x00\x18%s' "user 'joe' authenticated" | od -An -tx1 | tr -d ' \n')" "check, raw bytes"

vmc check example.test joe joe-secret
expect_rc 0; expect_out "OK: user 'joe' authenticated"
vmc check example.test joe base-secret   # check is the account's own password only
expect_rc 1; expect_out "ERROR: authentication failed"

# lookup: the version-2 record, then the final frame; own or admin password.
dump joe
hash=$(sed -n 's/^Encrypted-Password: //p' <<<"$out")
ctime=$(sed -n 's/^Creation-Time: //p' <<<"$out")
rec="\\x02\\x0a\\x01\\x08\\x01\\x00$hash\\x00./users/joe\\x00\\x00\\x00-\\x00-\\x00-\\x00-\\x00$ctime\\x00-\\x00"
for pw in joe-secret base-secret; do
  vmc lookup example.test joe "$pw"
  expect_rc 0 "lookup with $pw"
  expect_out "OK: $rec
OK: record of user 'joe' sent" "lookup with $pw"
done
vmc lookup example.test joe ann-secret
expect_rc 1; expect_out "ERROR: authentication failed"

# chattr, every attribute number of VMailMgr 0.97.
dump ann
ann_ctime=$(sed -n 's/^Creation-Time: //p' <<<"$out")  # made in its own second, maybe not joe's
vmc chattr example.test joe joe-secret 1 'new joe pw'
expect_out "OK: password for user 'joe' successfully changed"
expect_login joe@example.test 'new joe pw'
expect_no_login joe@example.test joe-secret
vmc chattr example.test joe 'new joe pw' 2 ann 'x@remote.test' ''
expect_out "OK: forwards of user 'joe' set to ann, x@remote.test"
vmc chattr example.test ann base-secret 3 5000000; expect_out "OK: hard quota of user 'ann' successfully changed"
vmc chattr example.test ann base-secret 4 4000000; expect_out "OK: soft quota of user 'ann' successfully changed"
vmc chattr example.test ann base-secret 5 100000; expect_out "OK: message size limit of user 'ann' successfully changed"
vmc chattr example.test ann base-secret 6 500; expect_out "OK: message count limit of user 'ann' successfully changed"
vmc chattr example.test ann base-secret 7 1900000000; expect_out "OK: expiry time of user 'ann' successfully changed"
vmc chattr example.test ann ann-secret 8 0; expect_out "OK: mailbox enabled flag of user 'ann' successfully changed"
vmc chattr example.test ann ann-secret 9 'Ann Example'; expect_out "OK: personal information of user 'ann' successfully changed"
vmc chattr example.test ann ann-secret 3 1   # limits: the admin only
expect_rc 1; expect_out "ERROR: authentication failed"
vmc chattr example.test ann base-secret 11 1
expect_rc 2; expect_out "BAD: invalid attribute '11': one of 1 (password) to 9 (personal information)"
dump ann
expect_out "Name: ann
Encrypted-Password: $(sed -n 's/^Encrypted-Password: //p' <<<"$out")
Directory: ./users/ann
Hard-Quota: 5000000
Soft-Quota: 4000000
Message-Size-Limit: 100000
Message-Count-Limit: 500
Creation-Time: $ann_ctime
Expiry-Time: 1900000000
Has-Mailbox: true
Mailbox-Enabled: false
Personal: Ann Example" "dumpvuser ann after chattr"
expect_no_login ann@example.test ann-secret   # disabled now
vmc chattr example.test ann ann-secret 8 1
expect_login ann@example.test ann-secret

# adduser2 (the PHP client's vadduser and vaddalias), adduser3.
vmc adduser2 example.test kim base-secret kim-pw kim kim@else.test
expect_rc 0; expect_out "OK: user 'kim' successfully added, forwarding to kim@else.test"
vmc adduser2 example.test info base-secret '' '' joe ann
expect_out "OK: user 'info' successfully added, without a mailbox, forwarding to joe, ann"
vmc adduser3 example.test max base-secret max-pw '' 1
expect_out "OK: user 'max' successfully added"
vmc adduser3 example.test nia base-secret '' '' '' max
expect_out "OK: user 'nia' successfully added, with a directory but no mailbox, forwarding to max"
vmc adduser2 example.test kim base-secret x kim
expect_rc 1; expect_out "ERROR: account 'kim' already exists"
expect_login kim@example.test kim-pw
expect_login max@example.test max-pw
expect_no_login info@example.test ''
[ "$(stat -c '%u %a' "$BASE_H/users/kim" "$BASE_H/users/kim/new" "$BASE_H/users/nia")" = "2941 700
2941 700
2941 700" ] || fail "new directories: $(stat -c '%n %u %a' "$BASE_H/users/kim" "$BASE_H/users/kim/new" "$BASE_H/users/nia")"
[ -e "$BASE_H/users/nia/new" ] && fail "adduser3 without has_mailbox made a Maildir"
[ -e "$BASE_H/users/info" ] && fail "adduser2 without a dirname made a directory"
run base "$TOP/listvdomain"
expect_rc 0
expect_out "User Mailbox Aliases
mailer-daemon No postmaster@
postmaster No postmaster@
root No postmaster@
joe Yes ann x@remote.test
ann Yes
eve Yes
dora Yes(disabled)
sales No joe
kim Yes kim@else.test
info No joe ann
max Yes
nia No max" "listvdomain after the adds"

# stat: new, unseen, seen, with their bytes.
printf 'abcde' > "$BASE_H/users/kim/new/1.M1P1.host"
printf '0123456789' > "$BASE_H/users/kim/cur/2.M1P1.host:2,S"
printf 'xyz' > "$BASE_H/users/kim/cur/3.M1P1.host:2,F"
vmc stat example.test kim base-secret
expect_rc 0; expect_out 'OK: \x001\x005\x001\x003\x001\x0010\x00'
run python3 -c 'import sys, vmailmgr_client as vm; print(vm.Client(socket_path=sys.argv[1]).stat("example.test", "kim", "base-secret"))' "$VMD_SOCKET"
expect_out "(1, 5, 1, 3, 1, 10)"

# listdomain: the first and last frames empty, NAME NUL RECORD between.
run python3 -c '
import sys, vmailmgr_client as vm
for name, r in vm.Client(socket_path=sys.argv[1]).listdomain("example.test", "base-secret"):
    print(name, r.has_mailbox, r.mailbox_enabled, ",".join(r.forwards), r.hard_quota)' "$VMD_SOCKET"
expect_rc 0
expect_out "mailer-daemon False True postmaster@ None
postmaster False True postmaster@ None
root False True postmaster@ None
joe True True ann,x@remote.test None
ann True True  5000000
eve True True  None
dora True False  None
sales False True joe None
kim True True kim@else.test None
info False True joe,ann None
max True True  None
nia False True max None" "listdomain"
vmc listdomain example.test joe-secret
expect_rc 1; expect_out "ERROR: authentication failed"

# autoresponse: VMailMgr's statuses, the message stored where it kept it.
vmc autoresponse example.test joe 'new joe pw' status; expect_out "OK: nonexistant"
vmc autoresponse example.test joe 'new joe pw' write "$(printf 'Subject: away\n\nBack on Monday.')"
expect_out "OK: autoresponse message of user 'joe' written; it is enabled"
expect_file_eq "$BASE_H/users/joe/autoresponse/message.txt" "$(printf 'Subject: away\n\nBack on Monday.')"
[ "$(stat -c %u "$BASE_H/users/joe/autoresponse/message.txt")" = 2941 ] || fail "message not the base user's"
vmc autoresponse example.test joe base-secret read
expect_out 'OK: Subject: away\x0a\x0aBack on Monday.
OK: autoresponse message of user '"'joe'"' sent'
vmc autoresponse example.test joe 'new joe pw' disable; expect_out "OK: autoresponse of user 'joe' disabled"
vmc autoresponse example.test joe 'new joe pw' status; expect_out "OK: disabled"
vmc autoresponse example.test joe 'new joe pw' enable; expect_out "OK: autoresponse of user 'joe' enabled"
vmc autoresponse example.test joe 'new joe pw' delete; expect_out "OK: autoresponse of user 'joe' deleted"
[ -e "$BASE_H/users/joe/autoresponse" ] && fail "autoresponse directory left"
vmc autoresponse example.test joe 'new joe pw' holiday
expect_rc 2; expect_out "BAD: unknown autoresponse action 'holiday': status, read, write, enable, disable or delete"

# deluser: the record, then the directory.
vmc deluser example.test kim base-secret
expect_rc 0; expect_out "OK: user 'kim' successfully deleted"
[ -e "$BASE_H/users/kim" ] && fail "kim's directory is left"
expect_no_login kim@example.test kim-pw
vmc deluser example.test kim base-secret
expect_rc 1; expect_out "ERROR: account 'kim' does not exist"

# Another domain, whose admin password is its admin-password file.
vmc listdomain other.test other-admin
expect_rc 0
[ "$(grep -c '^OK: ' <<<"$out")" = 6 ] || fail "listdomain other.test: $out"
vmc listdomain other.test other-system
expect_rc 1; expect_out "ERROR: authentication failed"

# Unknown commands and wrong argument counts.
vmc echo a b
expect_rc 2; expect_out "BAD: unknown command"
vmc lookup example.test joe
expect_rc 2; expect_out "BAD: wrong number of arguments to lookup: 2 given, 3 expected"
vmc adduser3 example.test x base-secret pw ''
expect_rc 2; expect_out "BAD: wrong number of arguments to adduser3: 5 given, at least 6 expected"

# Every file of the domain is still the base user's.
left=$(find "$BASE_H" ! -uid 2941)
[ -z "$left" ] || fail "files not owned by the base user: $left"
exit 0
