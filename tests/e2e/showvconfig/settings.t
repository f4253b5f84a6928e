#!/usr/bin/env bash
# showvconfig prints every effective setting: built-in defaults, then the
# global directory ($VMAILMGR_ETC), then the domain's ~/.vmailmgr over both.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/tools_b_lib.sh"
base_init vmconf 2933

qmail=$(head -n1 "$TOP/conf-qmail" 2>/dev/null || echo /var/qmail)
defaults() {  # defaults BITS SEPARATORS SENDMAIL
  cat <<END
qmail-root: $qmail/
separators: $2
password-file: passwd
user-dir: users/
user-dir-bits: $1
user-dir-slices: 0
default-username: +
default-hardquota: -
default-softquota: -
default-msgsize: -
default-msgcount: -
default-expiry: -
postmaster-aliases: mailer-daemon, postmaster, root
postmaster-email: postmaster@
maildir-arg-str: maildir
error-maildir: /var/lib/vmailmgr/error-maildir/
default-maildir: Maildir
default-domain: 
ip-domains: 
system-logins: 1
rehash-on-login: 1
sendmail: $3
autoresponse-dir: autoresponse
autoresponse-file: message.txt
autoresponse-interval: 86400
socket-file: /run/vmailmgrd/socket
record-last-login: 1
domains-home: /var/lib/vmailmgr/domains/
qmail-send-services: /service/qmail-send, /etc/service/qmail-send, /var/service/qmail-send
control-index: /var/lib/vmailmgr/control-index/
session-idle: 900
session-key-file: session-key
END
}

vm showvconfig
expect_rc 0 "showvconfig"; expect_err ""
expect_out "$(defaults 0 @: /usr/sbin/sendmail)"
# Byte for byte: "default-domain: " keeps its blank, the output ends in a newline.
as_base "$TOP/showvconfig" > "$T/out" || fail "showvconfig to a file"
defaults 0 @: /usr/sbin/sendmail > "$T/want"
cmp "$T/out" "$T/want" || fail "showvconfig output differs from the defaults"

# Global settings, then per-domain ones over them.
printf '@%%\n' > "$ETC/separators"
printf '6\n' > "$ETC/user-dir-bits"
printf '/usr/lib/sendmail\n' > "$ETC/sendmail"
printf 'a.example\n# comment\n\nb.example\n' > "$ETC/ip-domains"
mkdir -p "$H/.vmailmgr"
printf '4\n' > "$H/.vmailmgr/user-dir-bits"
chown -R "$BUID:$BUID" "$H/.vmailmgr"
vm showvconfig
expect_rc 0 "showvconfig with settings"
expect_out "$(defaults 4 @% /usr/lib/sendmail | sed 's/^ip-domains: $/ip-domains: a.example, b.example/')"

# Outside a domain (HOME unset) only the global directory counts.
run in_sandbox setpriv --reuid "$BUID" --regid "$BUID" --init-groups env -i -C "$H" VMAILMGR_ETC="$ETC" "$TOP/showvconfig"
expect_rc 0 "showvconfig without HOME"
expect_out "$(defaults 6 @% /usr/lib/sendmail | sed 's/^ip-domains: $/ip-domains: a.example, b.example/')"

# A number that does not parse is an error naming its file; nothing printed.
printf 'lots\n' > "$H/.vmailmgr/default-hardquota"
chown "$BUID:$BUID" "$H/.vmailmgr/default-hardquota"
vm showvconfig
expect_rc 1 "bad number"; expect_out ""
expect_err "showvconfig: fatal: $H/.vmailmgr/default-hardquota: bad number 'lots'"

vm showvconfig extra
expect_rc 2 "operand"
expect_err "showvconfig: unexpected operand 'extra'
showvconfig: usage: showvconfig [--help|--version]"
exit 0
