# Date texts in the forms mbox "From " lines and mail software have written,
# with odd spacing, case, zones, 2-digit years, impossible values and junk:
# dates.py SEED COUNT prints COUNT lines. Shared by date_parse.t and
# mb2md_diff.py (not a test itself).
import random
import sys

DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Tues", "Thur", "Thurs", "Wednes"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "Sept", "October", "November", "December"]
ZONES = ["+0100", "-0800", "+0530", "-0000", "GMT", "UTC", "UT", "PST", "PDT", "EST", "CEST", "MET", "MEST", "BST", "Z", "XYZ", "+01:00", "-5", "JST", "NZDT", "(CET)", "+0100 (CET)", "EST5EDT", "\"GMT\"", "MET DST"]


def pick(r, seq):
    return seq[r.randrange(len(seq))]


def date_text(r):
    year = r.choice([r.randint(1970, 2037), r.randint(1970, 2037), r.randint(1901, 2099), r.randint(0, 99)])
    month = r.randrange(12)
    day = r.randint(1, 28) if r.random() < 0.9 else r.randint(0, 32)
    hh, mm, ss = r.randrange(24), r.randrange(60), r.randrange(60)
    if r.random() < 0.03:
        hh = r.randint(24, 99)
    if r.random() < 0.03:
        ss = r.randint(60, 99)
    wd = pick(r, DAYS)
    mon = pick(r, MONTHS)
    if r.random() < 0.05:
        mon = pick(r, LONG_MONTHS)
        month = None
    y4 = "%04d" % year if year >= 100 else "%d" % (1900 + year)
    y2 = "%02d" % (year % 100)
    zone = pick(r, ZONES)
    form = r.randrange(17)
    t = "%02d:%02d:%02d" % (hh, mm, ss)
    if form == 0:
        s = "%s %s %2d %s %s" % (wd, mon, day, t, y4)          # ctime, day padded
    elif form == 1:
        s = "%s %s %d %s %s" % (wd, mon, day, t, y4)           # ctime, not padded
    elif form == 2:
        s = "%s %s %2d %s %s %s" % (wd, mon, day, t, zone, y4)  # zone before the year (SunOS)
    elif form == 3:
        s = "%s %s %2d %s %s %s" % (wd, mon, day, t, y4, zone)  # zone after the year
    elif form == 4:
        s = "%s, %d %s %s %s %s" % (wd, day, mon, y4, t, zone)  # RFC 2822
    elif form == 5:
        s = "%s %s %2d %02d:%02d %s" % (wd, mon, day, hh, mm, y4)  # no seconds
    elif form == 6:
        s = "%s %s %2d %s %s" % (wd, mon, day, t, y2)          # 2-digit year
    elif form == 7:
        s = "%s-%02d-%02d %s" % (y4, (month or 0) + 1, day, t)  # ISO
    elif form == 8:
        s = "%s-%02d-%02dT%s" % (y4, (month or 0) + 1, day, t)
    elif form == 9:
        s = "%d-%s-%s %s" % (day, mon, y4, t)                   # 24-Nov-1999
    elif form == 10:
        s = "%s %s %d %d:%02d %s %s" % (pick(r, LONG_DAYS), mon, day, hh % 12 + 1, mm, r.choice(["am", "pm", "a.m.", "PM"]), y4)
    elif form == 11:
        s = "%s %s %2d %s %s" % (wd.upper(), mon.lower(), day, t, y4)
    elif form == 12:
        s = "%02d/%02d/%s %s" % ((month or 0) + 1, day, y2, t)  # US numeric
    elif form == 13:
        s = "%s  %s  %d  %s  %s" % (wd, mon, day, t, y4)       # double blanks
    elif form == 14:
        s = "%s %s %2d %s.%03d %s" % (wd, mon, day, t, r.randrange(1000), y4)
    elif form == 15:  # the hours daylight saving skips or repeats (Europe, US)
        s = r.choice(["Sun Mar 28 02:%02d:%02d 2021", "Sun Oct 31 02:%02d:%02d 2021",
                      "Sun Mar 14 02:%02d:%02d 2021", "Sun Nov  7 01:%02d:%02d 2021"]) % (mm, ss)
    else:
        junk = ["", " ", "remote from uucp", "Wed Nov 24 11:05:35", "garbage here", "Mon Foo 12 10:00:00 2001",
                "Wed Nov 24 11:05:35 1999 extra", "Wed Nov 31 11:05:35 1999", "Feb 29 12:00:00 2001",
                "Feb 29 12:00:00 2000", "Wed Nov 24 25:61:61 1999", "19991124", "991124 12:00", "Nov 24",
                "12:00", "(comment) Wed Nov 24 11:05:35 1999", "Wed Nov 24 11:05:35 1999 (local)"]
        s = pick(r, junk)
    if r.random() < 0.05:
        s = " " + s
    return s


if __name__ == "__main__":
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    r = random.Random(seed)
    for _ in range(count):
        print(date_text(r))
