# vadddomain and vdeldomain on the real qmail control-file layout in a
# sandbox (tests/e2e/vadddomain/host.sh): the base user made by the real
# useradd (no login shell, home under domains-home, 0750), vsetup run as it,
# control/virtualdomains and control/rcpthosts rewritten with every other
# line kept, qmail-send told by SIGHUP to its pid (a fake qmail-send), by
# svc -h where supervised (a fake svc), or the command printed; vdeldomain
# keeps the data unless --remove-data, and refuses what it did not find.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vadddomain/host.sh"
host_init
trap stop_qmail_sends EXIT
VD=$T/qmail/control/virtualdomains
RH=$T/qmail/control/rcpthosts
conf_home=$(head -n1 "$TOP/conf-home")

# qmail-send running unsupervised, in its queue; another qmail-send of
# another installation must not be disturbed.
mkdir -p "$T/otherqmail/queue"
start_qmail_send "$T/qmail/queue" "$T/hups"
start_qmail_send "$T/otherqmail/queue" "$T/other-hups"

vd vadddomain Example.TEST
expect_rc 0 "vadddomain example.test"
line=$(passwd_line example_test)
uid=$(cut -d: -f3 <<<"$line")
expect_eq "$(cut -d: -f1,4- <<<"$line")" "example_test:$uid:vmailmgr base user of example.test:$T/domains/example.test:/usr/sbin/nologin" "passwd line"
expect_eq "$(grep '^example_test:' "$T/etc-all/group" | cut -d: -f1,3)" "example_test:$uid" "own group"
expect_eq "$(grep -c example_test /etc/passwd)" 0 "the host's /etc/passwd was touched"
expect_out ""
expect_err "vsetup: created users directory.
vsetup: wrote '.qmail-default' file.
vsetup: added alias 'mailer-daemon'
vsetup: added alias 'postmaster'
vsetup: added alias 'root'
vadddomain: made user 'example_test' with home $T/domains/example.test.
vadddomain: added 'example.test:example_test' to $T/qmail/control/virtualdomains.
vadddomain: added 'example.test' to $T/qmail/control/rcpthosts.
vadddomain: sent SIGHUP to qmail-send (pid ${QS_PIDS[0]})."
expect_file_eq "$VD" "# virtual domains
old.test:olduser
example.test:example_test"
expect_file_eq "$RH" "localhost
old.test
example.test"
expect_eq "$(stat -c '%a %u' "$VD" "$RH" | tr '\n' ' ')" "644 0 644 0 " "modes and owners of the control files"
H=$T/domains/example.test
expect_eq "$(stat -c '%a %u %g' "$H")" "750 $uid $uid" "the home"
expect_eq "$(stat -c '%a %u' "$T/domains")" "755 0" "domains-home"
# vsetup ran as the new user: its files are the user's.
expect_file_eq "$H/.qmail-default" "|$conf_home/bin/vdeliver"
expect_eq "$(stat -c '%u %a' "$H/.qmail-default" "$H/passwd.cdb" "$H/users" | tr '\n' ' ')" \
  "$uid 644 $uid 600 $uid 755 " "owners of what vsetup made"
expect_eq "$("$TOOLS/account_show" "$H/passwd.cdb" | cut -d' ' -f1,4 | tr '\n' ' ')" \
  "mailer-daemon fw=postmaster@ postmaster fw=postmaster@ root fw=postmaster@ " "postmaster aliases"
expect_eq "$(hups "$T/hups")" 1 "SIGHUPs to qmail-send"
expect_eq "$(hups "$T/other-hups")" 0 "SIGHUPs to the other installation's qmail-send"
[ -e "$T/svc.log" ] && fail "svc was run without a supervised service"

# Again: nothing to do, nothing told.
sum=$(sha256sum "$VD" "$RH")
vd vadddomain example.test
expect_rc 0 "vadddomain again"
expect_err "vsetup: nothing to do: the domain is already set up.
vadddomain: nothing to do: example.test is already a virtual domain of 'example_test'."
expect_eq "$(sha256sum "$VD" "$RH")" "$sum" "control files after a second run"
expect_eq "$(hups "$T/hups")" 1 "SIGHUPs after a second run"

# Supervised: svc -h, no signal of our own.
mkdir -p "$T/service/qmail-send/supervise"
mkfifo "$T/service/qmail-send/supervise/control"
vd vadddomain --quiet shop.test exbase
expect_rc 0 "vadddomain shop.test exbase"
expect_err ""
expect_file_eq "$T/svc.log" "-h $T/service/qmail-send"
expect_eq "$(hups "$T/hups")" 1 "a SIGHUP besides svc"
[ -z "$(passwd_line shop_test)" ] || fail "a user was made though BASEUSER exists"
expect_eq "$(tail -n1 "$VD")" "shop.test:exbase" "line of shop.test"
expect_eq "$(stat -c %u "$T/home/exbase/.qmail-default")" 2950 "vsetup ran as exbase"
# svc failing (supervise not running): the pid after all.
vd vadddomain shop2.test exbase
expect_rc 0 "vadddomain shop2.test"
expect_eq "$(hups "$T/hups")" 1 "svc answered 0: no signal"
rm "$T/svc.log"
run in_sandbox env PATH="$T/bin:/usr/sbin:/usr/bin:/sbin:/bin" T="$T" SVC_EXIT=111 "$TOP/vdeldomain" shop2.test
expect_rc 0 "vdeldomain shop2.test with a failing svc"
expect_file_eq "$T/svc.log" "-h $T/service/qmail-send"
expect_eq "$(hups "$T/hups")" 2 "SIGHUP after svc failed"
expect_err "vdeldomain: removed 'shop2.test:exbase' from $T/qmail/control/virtualdomains.
vdeldomain: removed 'shop2.test' from $T/qmail/control/rcpthosts.
vdeldomain: sent SIGHUP to qmail-send (pid ${QS_PIDS[0]}).
vdeldomain: user 'exbase' still serves shop.test."
rm -r "${T:?}/service/qmail-send/supervise" "${T:?}/svc.log"

# Refusals: exit 1, nothing changed.
sum=$(sha256sum "$VD" "$RH" "$T/etc-all/passwd")
refused() {  # refused PROG ARGS... -- MESSAGE
  local args=()
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  vd "${args[@]}"
  expect_rc 1 "${args[*]}"
  expect_err "$2"
  expect_eq "$(sha256sum "$VD" "$RH" "$T/etc-all/passwd")" "$sum" "files after ${args[*]}"
}
refused vadddomain localhost -- "vadddomain: fatal: localhost is in $T/qmail/control/locals: qmail delivers it to local users"
refused vadddomain old.test exbase -- "vadddomain: fatal: old.test is already a virtual domain of user olduser"
refused vadddomain .wild.test -- "vadddomain: fatal: invalid domain '.wild.test': a line for every sub-domain (.domain) is written by hand"
refused vadddomain 'a..test' -- "vadddomain: fatal: invalid domain 'a..test': it has an empty label"
refused vadddomain 'bad/dom.test' -- "vadddomain: fatal: invalid domain 'bad/dom.test': it holds a byte that is not a-z 0-9 - _ ."
refused vadddomain new.test 'Bad User' -- "vadddomain: fatal: invalid user name 'Bad User': it holds a byte that is not a-z 0-9 _ . -"
refused vadddomain new.test root -- "vadddomain: fatal: user root has uid 0: a base user never is root"
# The default name exists but is someone else's.
sandbox_user_line='new_test:x:2960:2960::/home/new_test:/bin/sh'
echo "$sandbox_user_line" >> "$T/etc-all/passwd"
sum=$(sha256sum "$VD" "$RH" "$T/etc-all/passwd")
refused vadddomain new.test -- "vadddomain: fatal: user new_test exists, with home /home/new_test, not $T/domains/new.test: name it as BASEUSER to make it the base user of new.test"
mkdir -p "$T/domains/taken.test"
refused vadddomain taken.test -- "vadddomain: fatal: $T/domains/taken.test already exists: move it away, or name its owner as BASEUSER"
refused vdeldomain nowhere.test -- "vdeldomain: fatal: nowhere.test is not a virtual domain in $T/qmail/control/virtualdomains: nothing removed"
refused vdeldomain localhost -- "vdeldomain: fatal: localhost is not a virtual domain in $T/qmail/control/virtualdomains: nothing removed"
refused vdeldomain -r shop.test -- "vdeldomain: fatal: the home of exbase, $T/home/exbase, is not below domains-home $T/domains: remove it by hand; nothing removed"
vd vadddomain --quiet shop3.test exbase
expect_rc 0 "vadddomain shop3.test"
sum=$(sha256sum "$VD" "$RH" "$T/etc-all/passwd")
refused vdeldomain --remove-data shop.test -- "vdeldomain: fatal: base user exbase also serves shop3.test: its data stays while it does; nothing removed"

# Usage errors: exit 2.
vd vadddomain
expect_rc 2 "no operand"
expect_err "vadddomain: missing domain
vadddomain: usage: vadddomain [OPTION]... DOMAIN [BASEUSER]"
vd vadddomain a.test b c
expect_rc 2 "three operands"
vd vdeldomain -x a.test
expect_rc 2 "unknown option"
expect_err "vdeldomain: unknown option '-x'
vdeldomain: usage: vdeldomain [OPTION]... DOMAIN"

# Not root: refused before anything is read.
run in_sandbox setpriv --reuid 2950 --regid 2950 --init-groups env VMAILMGR_ETC="$VMAILMGR_ETC" "$TOP/vadddomain" x.test
expect_rc 1 "as a user"
expect_err "vadddomain: fatal: vadddomain needs root: it changes qmail's control files and the user database"

# Nothing running to tell: the command to run is printed, exit 0.
stop_qmail_sends
vd vdeldomain example.test
expect_rc 0 "vdeldomain example.test"
expect_err "vdeldomain: removed 'example.test:example_test' from $T/qmail/control/virtualdomains.
vdeldomain: removed 'example.test' from $T/qmail/control/rcpthosts.
vdeldomain: kept user 'example_test' and its home $H (vdeldomain --remove-data removes them).
vdeldomain: warning: qmail-send was not found running: make it reread $T/qmail/control/virtualdomains yourself: svc -h $T/service/qmail-send (or kill -HUP the pid of qmail-send, or restart qmail)"
expect_file_eq "$VD" "# virtual domains
old.test:olduser
shop.test:exbase
shop3.test:exbase"
expect_file_eq "$RH" "localhost
old.test
shop.test
shop3.test"
[ -n "$(passwd_line example_test)" ] || fail "vdeldomain removed the base user"
[ -f "$H/passwd.cdb" ] || fail "vdeldomain removed the data"

# Added again: the kept user and home are taken back.
vd vadddomain --quiet example.test
expect_rc 0 "vadddomain after vdeldomain"
expect_eq "$(passwd_line example_test | cut -d: -f3)" "$uid" "the same user"
# --remove-data: home (a symlink in it not followed) and user go.
echo keep > "$T/outside"
ln -s "$T/outside" "$H/users/link"
vd vdeldomain --remove-data example.test
expect_rc 0 "vdeldomain --remove-data"
[ -e "$H" ] && fail "the home is still there"
[ -z "$(passwd_line example_test)" ] || fail "the base user is still there"
grep -q '^example_test:' "$T/etc-all/group" && fail "the base user's group is still there"
expect_file_eq "$T/outside" keep
expect_eq "$(grep -c example "$VD" "$RH" | tr '\n' ' ')" "$VD:0 $RH:0 " "lines left"

# A control/rcpthosts that does not exist is not made.
rm "$RH"
vd vadddomain --quiet norcpt.test
expect_rc 0 "vadddomain without rcpthosts"
expect_err "vadddomain: warning: $T/qmail/control/rcpthosts does not exist: not made (qmail-smtpd accepts every domain without it; add norcpt.test there when you make it)
vadddomain: warning: qmail-send was not found running: make it reread $T/qmail/control/virtualdomains yourself: svc -h $T/service/qmail-send (or kill -HUP the pid of qmail-send, or restart qmail)"
[ -e "$RH" ] && fail "rcpthosts was made"
exit 0
