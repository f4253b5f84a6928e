"""make demo: a domain administered through vmailmgr.cgi's pages, the way a
browser would (cookie, anti-CSRF fields, Post/Redirect/Get), printing what
the pages say. Standard library only.

    python3 pages.py URL DOMAIN ADMIN-PASSWORD
"""

import html.parser
import http.client
import sys
import urllib.parse


class PageText(html.parser.HTMLParser):
    """The title, notices, account table rows and hidden csrf fields of a page."""

    def __init__(self):
        super().__init__()
        self.h1 = ""
        self.notices = []
        self.rows = []
        self.csrf = {}
        self._in = None
        self._row = None
        self._cell = None
        self._form_action = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h1":
            self._in = "h1"
        elif tag == "p" and "notice" in (a.get("class") or ""):
            self._in = "notice"
            self.notices.append("")
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "small" and self._cell is not None:
            self._cell += " ("
        elif tag == "input" and a.get("type") == "hidden":
            if a.get("name") == "action":
                self._form_action = a.get("value")
            elif a.get("name") == "csrf" and self._form_action:
                self.csrf[self._form_action] = a.get("value")

    def handle_endtag(self, tag):
        if tag in ("h1", "p"):
            self._in = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "small" and self._cell is not None:
            self._cell += ")"
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1 += data
        elif self._in == "notice":
            self.notices[-1] += data
        if self._cell is not None:
            self._cell += data


class Browser:
    def __init__(self, url):
        self.url = urllib.parse.urlsplit(url)
        self.cookie = None

    def request(self, method, query="", form=None):
        c = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=20)
        headers = {"Cookie": "vmailmgr_session=" + self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = self.url.path + ("?" + query if query else "")
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        page = r.read().decode("utf-8", "replace")
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("vmailmgr_session="):
                value = v.split(";")[0].split("=", 1)[1]
                self.cookie = value or None
        shown = {k: v for k, v in (form or {}).items() if k not in ("password", "password2", "csrf")}
        print("$ browser %s %s%s -> %d %s" % (method, path, " " + urllib.parse.urlencode(shown) if shown else "",
                                               r.status, r.reason))
        location = r.getheader("Location")
        if r.status == 303 and location:
            return self.request("GET", urllib.parse.urlsplit(location).query)
        p = PageText()
        p.feed(page)
        return p


def show(page, table=True):
    print("   page: " + page.h1)
    for n in page.notices:
        print("   notice: " + n)
    for row in page.rows if table else []:
        print("   " + " | ".join(row))


def main():
    url, domain, password = sys.argv[1:4]
    b = Browser(url)
    show(b.request("GET"))
    page = b.request("POST", form={"action": "login_admin", "domain": domain, "password": password})
    show(page)
    page = b.request("POST", form={"action": "add_account", "csrf": page.csrf["add_account"],
                                   "name": "dave", "password": "Dave-Pass-4",
                                   "password2": "Dave-Pass-4", "forwards": ""})
    show(page, table=False)
    page = b.request("POST", form={"action": "add_alias", "csrf": page.csrf["add_alias"],
                                   "name": "info", "forwards": "alice\ndave"})
    show(page, table=False)
    page = b.request("GET", "p=account&name=dave")
    page = b.request("POST", form={"action": "set_limits", "csrf": page.csrf["set_limits"],
                                   "name": "dave", "hard_quota": "20000000"})
    show(page, table=False)
    page = b.request("GET")
    show(page)
    b.request("POST", form={"action": "logout", "csrf": page.csrf["logout"]})
    print("   session cookie after logout: %s" % ("none" if b.cookie is None else "still set"))


if __name__ == "__main__":
    main()
