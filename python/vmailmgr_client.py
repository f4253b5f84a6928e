"""A client of vmailmgrd: VMailMgr's daemon protocol, version 2.

The protocol (SPEC section 15), all integers unsigned big-endian:

    request  0x02, u16 length of the rest, u8 argc, u16 + command name,
             argc x (u16 + bytes)
    reply    u8 code (0 OK, 1 BAD, 2 ERROR), u16 length, message

One request per connection; the server sends one or more reply frames and
closes the connection. lookup sends the account's record in a frame before
its final one; listdomain sends an empty OK frame, one frame per account
(name NUL record) and a final empty OK frame; autoresponse's "read" sends
the message before its final frame.

Use it from scripts and tests:

    import vmailmgr_client as vm
    c = vm.Client(socket_path="/run/vmailmgrd/socket")   # or tcp=("127.0.0.1", 3180)
    c.chattr("example.org", "joe", "admin-pw", vm.ATTR_HARDQUOTA, "52428800")
    rec = c.lookup("example.org", "joe", "joe-pw")        # a Record
    for name, rec in c.listdomain("example.org", "admin-pw"): ...

Session tokens (the web pages' logins, vmailmgrd(8) "session"): session()
trades a password for a token that every command then takes in place of
that password, until it expires (setting session-idle, default 900 s) or
the password changes; session() with the token renews it:

    admin = c.session("example.org", "", "admin-pw")     # the domain's admin
    c.listdomain("example.org", admin)
    own = c.session("example.org", "joe", "joe-pw")      # joe's own
    c.chattr("example.org", "joe", own, vm.ATTR_DEST, "joe@elsewhere.example")
    own = c.session("example.org", "joe", own)           # a fresh expiry

A token is as good as the password it stands for: keep it out of URLs and
logs as you would the password.

Every method returns the final reply's message (str) or parsed data, and
raises Bad (code 1) or Failed (code 2) with the server's message. call()
gives the raw frames. Only the Python standard library is used. The
default socket is the socket-file setting ($VMAILMGR_ETC or /etc/vmailmgr),
else /run/vmailmgrd/socket.
"""

import os
import socket
import struct

OK, BAD, ERROR = 0, 1, 2

# chattr attribute numbers, as VMailMgr 0.97 and its PHP client use them.
ATTR_PASS = 1
ATTR_DEST = 2
ATTR_HARDQUOTA = 3
ATTR_SOFTQUOTA = 4
ATTR_MSGSIZE = 5
ATTR_MSGCOUNT = 6
ATTR_EXPIRY = 7
ATTR_MAILBOX_ENABLED = 8
ATTR_PERSONAL = 9


class DaemonError(Exception):
    """A reply that is not OK: .code and .message (str)."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code
        self.message = message


class Bad(DaemonError):
    """Code 1: the request was malformed or made no sense."""


class Failed(DaemonError):
    """Code 2: the operation failed (a wrong password, a missing account...)."""


class ProtocolError(Exception):
    """The server's bytes are not reply frames (or it closed too early)."""


def _bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def encode_request(command, *args):
    """The whole request frame for command and its arguments (str or bytes)."""
    rest = struct.pack(">B", len(args))
    for part in (command,) + args:
        b = _bytes(part)
        if len(b) > 0xFFFF:
            raise ValueError("a string of a request is limited to 65535 bytes")
        rest += struct.pack(">H", len(b)) + b
    if len(args) > 255 or len(rest) > 0xFFFF:
        raise ValueError("a request is limited to 255 arguments and 65535 bytes")
    return struct.pack(">BH", 2, len(rest)) + rest


def encode_reply(code, message):
    """One reply frame (what the server sends), for tests."""
    m = _bytes(message)
    return struct.pack(">BH", code, len(m)) + m


def decode_replies(data):
    """Every reply frame in data as (code, message bytes); ProtocolError
    when data does not end on a frame boundary or a code is unknown."""
    frames = []
    pos = 0
    while pos < len(data):
        if len(data) - pos < 3:
            raise ProtocolError("a reply frame is cut short")
        code, length = struct.unpack(">BH", data[pos:pos + 3])
        if code > 2:
            raise ProtocolError("unknown reply code %d" % code)
        if len(data) - pos - 3 < length:
            raise ProtocolError("a reply message is cut short")
        frames.append((code, data[pos + 3:pos + 3 + length]))
        pos += 3 + length
    return frames


class Record(object):
    """An account record in VMailMgr's version-2 form (SPEC section 3.2).
    Limits and times are int, or None for unlimited / never."""

    FIELDS = ("password", "directory", "forwards", "personal", "hard_quota",
              "soft_quota", "msg_size", "msg_count", "ctime", "expiry",
              "has_mailbox", "mailbox_enabled")

    def __init__(self, data):
        data = _bytes(data)
        if not data or data[0] != 2:
            raise ProtocolError("not a version 2 record")
        pos = 1
        flags = {}
        while True:
            if pos >= len(data):
                raise ProtocolError("record flags are cut short")
            if data[pos] == 0:
                pos += 1
                break
            if pos + 1 >= len(data):
                raise ProtocolError("record flags are cut short")
            flags[data[pos]] = data[pos + 1]
            pos += 2
        fields = data[pos:].split(b"\0")
        if len(fields) < 2 or fields[-1] != b"":
            raise ProtocolError("record fields are cut short")
        fields = fields[:-1]
        self.password = fields[0].decode("utf-8", "replace")
        self.directory = fields[1].decode("utf-8", "replace")
        i = 2
        self.forwards = []
        while i < len(fields) and fields[i] != b"":
            self.forwards.append(fields[i].decode("utf-8", "replace"))
            i += 1
        rest = fields[i + 1:]
        if len(rest) != 7:
            raise ProtocolError("a record has 7 fields after its forwards, not %d" % len(rest))
        self.personal = rest[0].decode("utf-8", "replace")

        def number(b):
            return None if b == b"-" else int(b)

        (self.hard_quota, self.soft_quota, self.msg_size, self.msg_count,
         self.ctime, self.expiry) = [number(b) for b in rest[1:]]
        self.has_mailbox = bool(flags.get(10, 0))
        self.mailbox_enabled = bool(flags.get(8, 1))

    def as_dict(self):
        return dict((f, getattr(self, f)) for f in self.FIELDS)

    def __repr__(self):
        return "Record(%r)" % self.as_dict()


def default_socket():
    etc = os.environ.get("VMAILMGR_ETC") or "/etc/vmailmgr"
    try:
        with open(os.path.join(etc, "socket-file")) as f:
            path = f.readline().strip()
            if path:
                return path
    except OSError:
        pass
    return "/run/vmailmgrd/socket"


class Client(object):
    """Talks to one vmailmgrd: a Unix socket (socket_path) or TCP (tcp =
    (host, port)). timeout: seconds for connecting and for each read."""

    def __init__(self, socket_path=None, tcp=None, timeout=30):
        self.socket_path = socket_path
        self.tcp = tcp
        self.timeout = timeout
        if socket_path is None and tcp is None:
            self.socket_path = default_socket()

    def _connect(self):
        if self.tcp is not None:
            return socket.create_connection(self.tcp, timeout=self.timeout)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.socket_path)
        return s

    def send_raw(self, data, shutdown=True):
        """Sends data as it is, reads to end of file, returns the bytes."""
        s = self._connect()
        try:
            s.sendall(data)
            if shutdown:
                s.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                b = s.recv(65536)
                if not b:
                    break
                chunks.append(b)
            return b"".join(chunks)
        finally:
            s.close()

    def call(self, command, *args):
        """Every reply frame of one request, as (code, message bytes)."""
        frames = decode_replies(self.send_raw(encode_request(command, *args)))
        if not frames:
            raise ProtocolError("the server closed the connection without a reply")
        return frames

    def _final(self, command, *args):
        frames = self.call(command, *args)
        code, message = frames[-1]
        if code == BAD:
            raise Bad(code, message.decode("utf-8", "replace"))
        if code == ERROR:
            raise Failed(code, message.decode("utf-8", "replace"))
        return frames

    def check(self, domain, user, password):
        """The account's own password is right: the server's message."""
        return self._final("check", domain, user, password)[-1][1].decode()

    def lookup(self, domain, user, password):
        """The account's Record (admin or own password)."""
        frames = self._final("lookup", domain, user, password)
        if len(frames) != 2:
            raise ProtocolError("lookup answered %d frames, not 2" % len(frames))
        return Record(frames[0][1])

    def chattr(self, domain, user, password, attribute, *values):
        """Sets one attribute (ATTR_*); ATTR_DEST takes the forwards."""
        return self._final("chattr", domain, user, password, str(attribute), *values)[-1][1].decode()

    def adduser2(self, domain, user, adminpass, newpass, dirname, *forwards):
        return self._final("adduser2", domain, user, adminpass, newpass, dirname,
                           *forwards)[-1][1].decode()

    def adduser3(self, domain, user, adminpass, newpass, dirname, has_mailbox, *forwards):
        return self._final("adduser3", domain, user, adminpass, newpass, dirname,
                           has_mailbox, *forwards)[-1][1].decode()

    def deluser(self, domain, user, adminpass):
        return self._final("deluser", domain, user, adminpass)[-1][1].decode()

    def stat(self, domain, user, adminpass):
        """(new count, new bytes, unseen count, unseen bytes, seen count,
        seen bytes) of the account's Maildir."""
        message = self._final("stat", domain, user, adminpass)[-1][1]
        if not message.startswith(b"\0") or not message.endswith(b"\0"):
            raise ProtocolError("stat's message is not NUL + six NUL-terminated numbers")
        numbers = message[1:-1].split(b"\0")
        if len(numbers) != 6:
            raise ProtocolError("stat answered %d numbers, not 6" % len(numbers))
        return tuple(int(n) for n in numbers)

    def autoresponse(self, domain, user, password, action, message=None):
        """status, enable, disable, delete, write (with message): the
        server's message; read: the message file's bytes."""
        args = [domain, user, password, action]
        if message is not None:
            args.append(message)
        frames = self._final("autoresponse", *args)
        if action == "read":
            if len(frames) != 2:
                raise ProtocolError("read answered %d frames, not 2" % len(frames))
            return frames[0][1]
        return frames[-1][1].decode()

    def session(self, domain, user, password):
        """A session token (str): user "" for the domain's admin (password
        = the admin password), else the account's own (its own password).
        password may be a still-valid token of the same kind: a renewal."""
        return self._final("session", domain, user, password)[-1][1].decode("ascii")

    def listdomain(self, domain, adminpass):
        """[(name, Record)] of every account of the domain."""
        frames = self._final("listdomain", domain, adminpass)
        if len(frames) < 2 or frames[0] != (OK, b"") or frames[-1] != (OK, b""):
            raise ProtocolError("listdomain's list is not framed by empty OK frames")
        out = []
        for code, message in frames[1:-1]:
            if code != OK or b"\0" not in message:
                raise ProtocolError("a listdomain entry is not NAME NUL RECORD")
            name, record = message.split(b"\0", 1)
            out.append((name.decode("utf-8", "replace"), Record(record)))
        return out


def _shown(message):
    """A message as one line: printable ASCII as is, other bytes as \\xNN."""
    return "".join(chr(c) if 0x20 <= c < 0x7F and c != 0x5C else
                   "\\\\" if c == 0x5C else "\\x%02x" % c for c in message)


def main(argv):
    """python3 vmailmgr_client.py [--socket PATH | --tcp HOST:PORT] COMMAND [ARG]...
    Sends one request and prints every reply frame as "OK: message",
    "BAD: ..." or "ERROR: ..." (other bytes as \\xNN). Exit status: 0 when the
    last frame is OK, 1 ERROR, 2 BAD, 3 no answer."""
    import sys
    args = list(argv)
    kw = {}
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--socket" and args:
            kw["socket_path"] = args.pop(0)
        elif opt == "--tcp" and args:
            host, port = args.pop(0).rsplit(":", 1)
            kw["tcp"] = (host, int(port))
        else:
            sys.stderr.write(main.__doc__ + "\n")
            return 3
    if not args:
        sys.stderr.write(main.__doc__ + "\n")
        return 3
    try:
        frames = Client(**kw).call(args[0], *args[1:])
    except (OSError, ProtocolError) as e:
        sys.stderr.write("vmailmgr_client: %s\n" % e)
        return 3
    names = {OK: "OK", BAD: "BAD", ERROR: "ERROR"}
    for code, message in frames:
        print("%s: %s" % (names[code], _shown(message)))
    return {OK: 0, ERROR: 1, BAD: 2}[frames[-1][0]]


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv[1:]))
