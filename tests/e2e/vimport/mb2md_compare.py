# mb2md_compare.py OURS MB2MD START: the messages vimport stored in the
# Maildir OURS against those Debian's mb2md wrote into the Maildir MB2MD from
# the same mbox: the same number, in the same order (the position in
# vimport's names, mb2md's message number), byte for byte, with the same
# flags and file times. Where mb2md could not read the From-line date it sets the time to
# 0 (1970); vimport then leaves the time of the import (>= START). Prints
# the differences (the first few) and exits 1 when there is any.
import os
import re
import sys


ours_dir, theirs_dir, start = sys.argv[1], sys.argv[2], int(sys.argv[3])


def listing(d, key):
    names = os.listdir(d + "/cur")
    if os.listdir(d + "/new"):
        sys.exit("%s/new is not empty" % d)
    return sorted(names, key=key)


NAME = re.compile(r"^\d+\.I(\d{10})\.")
ours = listing(ours_dir, lambda n: int(NAME.match(n).group(1)))
theirs = listing(theirs_dir, lambda n: int(n.split(".")[1]))
problems = []
if len(ours) != len(theirs):
    problems.append("%d messages, mb2md made %d" % (len(ours), len(theirs)))
for i, (o, t) in enumerate(zip(ours, theirs)):
    po, pt = ours_dir + "/cur/" + o, theirs_dir + "/cur/" + t
    ob, tb = open(po, "rb").read(), open(pt, "rb").read()
    if ob != tb:
        problems.append("message %d: bytes differ (%s, %s)" % (i + 1, po, pt))
    if int(NAME.match(o).group(1)) != i + 1:
        problems.append("message %d: the position in %s is wrong" % (i + 1, o))
    if not re.search(r",S=%d:2," % len(ob), o):
        problems.append("message %d: the size in %s is wrong" % (i + 1, o))
    if o.split(":2,")[1] != t.split(":2,")[1]:
        problems.append("message %d: flags %s, mb2md %s" % (i + 1, o.split(":2,")[1], t.split(":2,")[1]))
    om, tm = int(os.stat(po).st_mtime), int(os.stat(pt).st_mtime)
    if (tm == 0 and om < start) or (tm != 0 and om != tm):
        problems.append("message %d: time %d, mb2md %d" % (i + 1, om, tm))
for p in problems[:10]:
    print(p)
print("%d messages compared, %d differences" % (len(theirs), len(problems)))
sys.exit(1 if problems else 0)
