# make install honours DESTDIR and conf-home, installs every program and its
# man page with the conf-* paths filled in.
source "$TOP/tests/lib.sh"
cd "$TOP"
home=$(head -n1 conf-home)
run make -s install DESTDIR="$T/stage"
expect_rc 0 "make install"
progs=$(ls *.cc 2>/dev/null | sed 's/\.cc$//')
[ -n "$progs" ] || skip "no programs built yet"
for p in $progs; do
  f="$T/stage$home/bin/$p"
  [ -x "$f" ] || fail "$p not installed at $f"
  expect_eq "$(stat -c %a "$f")" 755 "mode of $p"
  cmp -s "$f" "$TOP/$p" || fail "installed $p differs from the built one"
  man=$(ls man/"$p".[18] 2>/dev/null) || fail "$p has no man page"
  sect=${man##*.}
  m="$T/stage$home/share/man/man$sect/$p.$sect"
  [ -f "$m" ] || fail "man page $m not installed"
  if grep -q '@conf-[a-z]*@\|@version@' "$m"; then fail "$m still has placeholders"; fi
done
# Glue a peer loads (dovecotvpw.lua) beside the programs it runs, 0644.
for g in $(cd lua && ls *.lua); do
  f="$T/stage$home/bin/$g"
  [ -f "$f" ] || fail "$g not installed at $f"
  expect_eq "$(stat -c %a "$f")" 644 "mode of $g"
  cmp -s "$f" "$TOP/$g" || fail "installed $g differs from the built one"
  if grep -q '@version@' "$f"; then fail "$f still has placeholders"; fi
done
# nothing outside DESTDIR
[ -z "$(find "$T/stage" -mindepth 1 -maxdepth 1 ! -name "$(echo "$home" | cut -d/ -f2)")" ] || fail "files outside the prefix"
