# Ten vadddomain at once for ten different domains, then ten vdeldomain at
# once: control/virtualdomains and control/rcpthosts end with every line
# exactly once — none lost, none twice, the lines that were there kept —,
# ten base users made by the real useradd with ten different uids, each home
# set up by vsetup as its own user.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/vadddomain/host.sh"
host_init
VD=$T/qmail/control/virtualdomains
RH=$T/qmail/control/rcpthosts

pids=()
for i in $(seq 10); do
  in_sandbox env PATH="$T/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$TOP/vadddomain" --quiet "d$i.test" \
    >"$T/add-$i.out" 2>"$T/add-$i.err" &
  pids+=($!)
done
for i in $(seq 10); do
  wait "${pids[$((i - 1))]}" || fail "vadddomain d$i.test: exit $? ($(cat "$T/add-$i.err"))"
done

want_vd=$(printf '# virtual domains\nold.test:olduser\n'; for i in $(seq 10); do echo "d$i.test:d${i}_test"; done)
expect_eq "$(grep -v '^d' "$VD"; grep '^d' "$VD" | sort -V)" "$want_vd" "virtualdomains after ten vadddomain"
expect_eq "$(grep -v '^d' "$RH"; grep '^d' "$RH" | sort -V)" \
  "$(printf 'localhost\nold.test\n'; for i in $(seq 10); do echo "d$i.test"; done)" "rcpthosts after ten vadddomain"
expect_eq "$(grep -c '^d[0-9]*_test:' "$T/etc-all/passwd")" 10 "base users made"
expect_eq "$(grep '^d[0-9]*_test:' "$T/etc-all/passwd" | cut -d: -f3 | sort -u | wc -l)" 10 "distinct uids"
for i in $(seq 10); do
  uid=$(grep "^d${i}_test:" "$T/etc-all/passwd" | cut -d: -f3)
  h=$T/domains/d$i.test
  expect_eq "$(stat -c '%u %a' "$h" "$h/passwd.cdb" "$h/.qmail-default" | tr '\n' ' ')" \
    "$uid 750 $uid 600 $uid 644 " "home of d$i.test"
done
ls "$T/qmail/control" | grep -q '\.tmp\.' && fail "temporary files left: $(ls "$T/qmail/control")"

pids=()
for i in $(seq 10); do
  in_sandbox env PATH="$T/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$TOP/vdeldomain" --quiet "d$i.test" \
    >"$T/del-$i.out" 2>"$T/del-$i.err" &
  pids+=($!)
done
for i in $(seq 10); do
  wait "${pids[$((i - 1))]}" || fail "vdeldomain d$i.test: exit $? ($(cat "$T/del-$i.err"))"
done
expect_file_eq "$VD" "# virtual domains
old.test:olduser"
expect_file_eq "$RH" "localhost
old.test"
expect_eq "$(grep -c '^d[0-9]*_test:' "$T/etc-all/passwd")" 10 "base users kept"
exit 0
