# The private user database used by root tests: users exist inside the
# namespace only, and the host's /etc files are never changed.
source "$TOP/tests/lib.sh"
sandbox_init
before=$(sha256sum /etc/passwd /etc/shadow /etc/group)
sandbox_user vmtbase 2901 "" vmtmail
run in_sandbox id vmtbase
expect_rc 0 "id inside the namespace"
expect_out "uid=2901(vmtbase) gid=2901(vmtbase) groups=2901(vmtbase),3902(vmtmail)"
expect_eq "$(stat -c '%u %a' "$T/home/vmtbase")" "2901 750" "home owner and mode"
run id vmtbase
[ "$rc" != 0 ] || fail "vmtbase is visible outside the namespace"
expect_eq "$(sha256sum /etc/passwd /etc/shadow /etc/group)" "$before" "host user database"
