# vsocketmap as root on standard input and output: every kind of answer,
# many requests on one connection, exact bytes back, nothing on stderr.
source "$TOP/tests/lib.sh"
source "$TOP/tests/e2e/lookup_world.sh"
need python3
lookup_world

# One connection, all the requests at once (pipelined), in this order.
keys=(
  joe@example.test            "OK vmlbase+joe"       # an account
  JOE@Example.TEST            "OK vmlbase+joe"       # lowercased
  sales@example.test          "OK vmlbase+sales"     # an alias
  postmaster@example.test     "OK vmlbase+postmaster"  # vsetup's alias
  joe@mx.wild.test            "OK vmlbase+joe"       # a suffix entry
  nobody@example.test         "NOTFOUND "            # unknown, no catch-all
  eve@example.test            "NOTFOUND "            # expired
  dora@example.test           "NOTFOUND "            # mailbox disabled, no forwards
  nomail@example.test         "NOTFOUND "            # no mailbox, no forwards
  boss@catch.test             "OK vmlcatch+boss"
  anyone.at.all@catch.test    "OK vmlcatch+anyone.at.all"  # the catch-all
  "a,root@catch.test"         "NOTFOUND "            # never read as two addresses
  joe@local.test              "NOTFOUND "            # locals wins: not virtual
  joe@other.test              "NOTFOUND "            # not in virtualdomains
  joe                         "NOTFOUND "            # no domain
  joe@gone.test               "NOTFOUND "            # no base user
  joe@rootdom.test            "NOTFOUND "            # base user with uid 0
  joe@none.test               "NOTFOUND "            # a domain without a table yet
  good@bad.test               "OK vmlbad+good"       # the good record of a broken table
  vmlbase+joe@mx.example      "NOTFOUND "            # Postfix's own next lookup
  "../etc@example.test"       "NOTFOUND "            # hostile: not an address
  ""                          "NOTFOUND "
)
: > "$T/in"
want=
for ((i = 0; i < ${#keys[@]}; i += 2)); do
  req "virtual ${keys[i]}" >> "$T/in"
  want+=$(req "${keys[i + 1]}")
done
req "other joe@example.test" >> "$T/in"
want+=$(req "PERM no such map here; this server answers virtual, rcptcheck")
# vrcptcheck's map: OK for an address vdeliver takes and one not ours.
for k in "joe@example.test:OK accepted" "nobody@example.test:NOTFOUND " "x@elsewhere.test:OK not ours"; do
  req "rcptcheck ${k%%:*}" >> "$T/in"
  want+=$(req "${k#*:}")
done
req "virtual" >> "$T/in"
want+=$(req 'PERM malformed request: no "NAME KEY"')
req "virtual joe@example.test" >> "$T/in"  # still answering after refusals
want+=$(req "OK vmlbase+joe")

sm virtual
expect_rc 0 "vsocketmap"
expect_out "$want" "replies"
expect_err "" "stderr"

# One request at a time over a pipe held open: each reply comes before the
# next request is sent (Postfix waits for each reply).
run python3 - "$TOP/vsocketmap" "$TOP/tests/sandbox-exec" <<'PY'
import subprocess, sys
p = subprocess.Popen([sys.argv[2], sys.argv[1], "virtual"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def ask(key):
    body = b"virtual " + key
    p.stdin.write(b"%d:%s," % (len(body), body)); p.stdin.flush()
    n = b""
    while not n.endswith(b":"):
        n += p.stdout.read(1)
    reply = p.stdout.read(int(n[:-1]) + 1)
    assert reply.endswith(b","), reply
    return reply[:-1].decode()
for key in [b"joe@example.test", b"nobody@example.test", b"anyone@catch.test"]:
    print(ask(key))
p.stdin.close()
sys.exit(p.wait())
PY
expect_rc 0 "one at a time"
expect_out $'OK vmlbase+joe\nNOTFOUND \nOK vmlcatch+anyone' "one at a time"

# A new account is found at once: nothing to rebuild.
req "virtual newbie@example.test" > "$T/in"
sm virtual
expect_out "$(req "NOTFOUND ")" "before vadduser"
printf 'newbie-secret\n' | as_user vmlbase 2921 "$TOP/vadduser" --quiet newbie || fail "vadduser newbie"
sm virtual
expect_out "$(req "OK vmlbase+newbie")" "right after vadduser"

# The map name is whatever the command line says.
req "aliases joe@example.test" > "$T/in"
sm aliases
expect_out "$(req "OK vmlbase+joe")" "another map name"
exit 0
