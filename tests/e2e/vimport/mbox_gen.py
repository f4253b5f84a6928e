# An mbox full of odd cases, for comparing vimport with Debian's mb2md:
# mbox_gen.py SEED COUNT FILE writes about COUNT messages to FILE. Separators
# with and without '@', quoted and parenthesized senders and every date form
# of dates.py; Status/X-Status/X-Mozilla-Status/X-Evolution flags; >From
# quoting at several levels (mboxo and mboxrd writers); CR LF files and lines,
# lone CRs, 8-bit and NUL bytes; empty bodies, header-only messages, "From "
# lines that do not separate, repeated separators, UW imapd's folder-data
# first message; sometimes no newline at the very end. Not generated: what
# mb2md cannot convert (text before the first separator) or loses (a file
# ending inside a header block); the unit tests cover those.
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dates  # noqa: E402

SENDERS = [b"joe@example.org", b"MAILER-DAEMON", b"\"odd sender x\"@example.net", b"-",
           b"a@b@c", b"root", b"<>", b"(no mail address)", b"@leading.example",
           b"bounce-list=x.org@lists.example.com", b"user%host@relay.example"]


def header_lines(r, n):
    h = [b"From: Someone <someone@example.org>", b"To: joe@example.test",
         b"Subject: message %d" % n, b"Date: Wed, 24 Nov 1999 11:05:35 +0100"]
    for _ in range(r.randrange(4)):
        h.append(r.choice([
            b"Status: " + r.choice([b"RO", b"R", b"O", b"", b"ro", b"ROD", b"OR"]),
            b"X-Status: " + r.choice([b"A", b"F", b"D", b"AF", b"FAD", b"", b"a"]),
            b"X-Mozilla-Status: %04x" % r.randrange(0x10000),
            b"X-Mozilla-Status: %04X" % r.randrange(0x10000),
            b"x-mozilla-status: 0001",
            b"X-Evolution: 000abcd1-%04x" % r.randrange(0x10000),
            b"X-Evolution:   00000000-00z1",
            b"status: RO", b"Status:RO",
            b">From header-quoted@example.org Wed Nov 24 11:05:35 1999",
            b"From repeated@example.org Wed Nov 24 11:05:35 1999",
            b"X-Long: " + b"x" * r.randrange(2000),
            b"Received: from a by b; Wed, 24 Nov 1999 11:05:35 +0100",
        ]))
    r.shuffle(h)
    return h


def body_lines(r):
    lines = []
    for _ in range(r.choice([0, 0, 1, 3, 10, 40])):
        lines.append(r.choice([
            b"plain text line", b"", b"From the start of a sentence", b">From quoted once",
            b">>From quoted twice", b">>>From three", b">From", b"From", b"> From not quoted",
            b"From joe@example.org Wed Nov 24 11:05:35 1999 (not after an empty line)",
            b"bytes \x00\x01\x7f\xe9\xff here", b"lone \r carriage return", b"trailing blanks   ",
            b"-- ", b".", b"x" * r.randrange(3000),
        ]))
        if lines[-1] == b"" and r.random() < 0.1:
            # an empty line then a From line that looks like a separator: a new message for both tools
            lines.append(b"From inner@example.org Thu Nov 25 12:00:00 1999")
    return lines


def message(r, n, first):
    sender = r.choice(SENDERS)
    date = dates.date_text(r).encode()
    sep = b"From " + (b" " * r.choice([0, 0, 0, 1])) + sender + b" " + date
    if not re.search(rb"\d\d:\d\d", date):
        sep += b" 00:00"  # still a separator
    head = header_lines(r, n)
    if first and r.random() < 0.3:
        head = [b"Subject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA", b"X-IMAP: 1 2"]
    lines = [sep] + head + [b""] + body_lines(r)
    eol = b"\r\n" if r.random() < 0.15 else b"\n"
    out = []
    for line in lines:
        e = eol
        if r.random() < 0.03:
            e = b"\r\n" if e == b"\n" else b"\n"
        out.append(line + e)
    return b"".join(out)


def main():
    seed, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    parts = []
    for n in range(count):
        m = message(r, n, n == 0)
        if n > 0:
            sepline = b"\n" if r.random() < 0.97 else b""  # sometimes no empty line before From
            parts.append(sepline)
        parts.append(m)
    data = b"".join(parts)
    if r.random() < 0.5 and data.endswith(b"\n") and not data.endswith(b"\n\n"):
        data = data[:-1]  # a broken last line
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
