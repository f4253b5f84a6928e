# A forward written "name@" is completed with control/me; a host without it
# (a Postfix host) uses its fully-qualified name, as Postfix's $myhostname
# would be, never the bare node name. Checked with a known host name and
# /etc/hosts in private UTS and mount namespaces.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vdeliver/deliver.sh"
command -v hostname >/dev/null || skip "hostname is not installed"
mktable <<'EOF2'
sales fwd=pm@
EOF2
rm "$QROOT/control/me"
printf '127.0.0.1 localhost\n127.0.1.1 vmmbox.example.test vmmbox\n' > "$T/hosts"
export HOSTS=$T/hosts HOSTNAME_SET=vmmbox
# Every as_base command runs with host name $HOSTNAME_SET and that hosts file.
in_sandbox() {
  unshare -u -m --propagation private -- bash -c \
    'hostname "$HOSTNAME_SET" && mount --bind "$HOSTS" /etc/hosts && exec "$TOP/tests/sandbox-exec" "$@"' \
    in_uts "$@"
}
MSG=$'Subject: s\n\nbody\n'

postfix_deliver sales <<<"$MSG"
expect_rc 0 "alias with pm@"
expect_eq "$(tail -n1 "$REC/1.argv")" "pm@vmmbox.example.test" "completed with the FQDN"
expect_err "vdeliver: forwarded to pm@vmmbox.example.test"

# A node name that already has a dot is used as it is.
HOSTNAME_SET=box.example.org
postfix_deliver sales <<<"$MSG"
expect_rc 0 "dotted node name"
expect_eq "$(tail -n1 "$REC/2.argv")" "pm@box.example.org" "dotted node name"

# No dotted name to be found: the node name, as before.
HOSTNAME_SET=vmmlonely
printf '127.0.0.1 localhost\n' > "$T/hosts"
printf 'hosts: files\n' > "$T/nsswitch.conf"
in_sandbox() {
  unshare -u -m --propagation private -- bash -c \
    'hostname "$HOSTNAME_SET" && mount --bind "$HOSTS" /etc/hosts &&
     mount --bind "$NSS" /etc/nsswitch.conf && exec "$TOP/tests/sandbox-exec" "$@"' \
    in_uts "$@"
}
export NSS=$T/nsswitch.conf
postfix_deliver sales <<<"$MSG"
expect_rc 0 "no FQDN"
expect_eq "$(tail -n1 "$REC/3.argv")" "pm@vmmlonely" "node name without a domain"
exit 0
