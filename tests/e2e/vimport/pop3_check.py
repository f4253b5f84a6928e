# pop3_check.py PORT LOGIN PASSWORD EXPECTED...: logs in over POP3 and
# checks that the mailbox holds exactly the EXPECTED files' messages, byte
# for byte as POP3 carries them (LF as CR LF, a last line ended), in any
# order. With no EXPECTED, checks an empty mailbox. Exit 1 with the
# differences; exit 2 when the login fails.
import hashlib
import poplib
import sys

port, login, password, expected = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]


def wire(data):
    if not data.endswith(b"\n"):
        data += b"\n"
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


want = sorted(hashlib.sha256(wire(open(f, "rb").read())).hexdigest() for f in expected)
p = poplib.POP3("127.0.0.1", port, timeout=20)
try:
    p.user(login)
    p.pass_(password)
except poplib.error_proto as e:
    print("login failed:", e)
    sys.exit(2)
count, _ = p.stat()
got = []
for i in range(1, count + 1):
    _, lines, _ = p.retr(i)
    got.append(hashlib.sha256(b"".join(line + b"\r\n" for line in lines)).hexdigest())
p.quit()
got.sort()
if got != want:
    print("%d messages, expected %d; they differ" % (len(got), len(want)))
    sys.exit(1)
print("%d messages as expected" % count)
