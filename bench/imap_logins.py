#!/usr/bin/env python3
"""IMAP logins per second against one server: bench/run's figure 2.

usage: imap_logins.py PORT PASSWORD TOTAL CONCURRENCY USER...
Makes TOTAL logins (LOGIN then LOGOUT, a fresh connection each), spread
over CONCURRENCY threads, cycling through the USERs; prints the logins per
second. Any failed login is an error (exit 1): a benchmark of refusals
would measure nothing.
"""
import imaplib
import sys
import threading
import time


def main():
    port, password = int(sys.argv[1]), sys.argv[2]
    total, concurrency = int(sys.argv[3]), int(sys.argv[4])
    users = sys.argv[5:]
    failures = []
    counter = iter(range(total))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            user = users[n % len(users)]
            try:
                m = imaplib.IMAP4("127.0.0.1", port, timeout=60)
                m.login(user, password)
                m.logout()
            except Exception as e:  # noqa: BLE001 - every failure counts
                failures.append("%s: %s" % (user, e))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    if failures:
        sys.stderr.write("imap_logins: %d failed, first: %s\n" % (len(failures), failures[0]))
        return 1
    print("%.3f" % (total / elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
