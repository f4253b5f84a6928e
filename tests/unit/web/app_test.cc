#include "web/app.h"

#include <doctest/doctest.h>

#include "../testing/fake_daemon.h"
#include "../testing/text.h"
#include "fmt/record.h"
#include "fmt/session_token.h"
#include "web/cookie.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/session.h"

using namespace vmm::web;
using vmm::testing::has;
using vmm::fmt::DaemonRequest;
using vmm::testing::FakeDaemon;

namespace {


const std::string kAdmin = vmm::fmt::session_token_make("k", {"ex.org", "", true, 100, "s"});
const std::string kAdmin2 = vmm::fmt::session_token_make("k", {"ex.org", "", true, 200, "s"});
const std::string kOwn = vmm::fmt::session_token_make("k", {"ex.org", "ann", false, 100, "s"});
const std::string kOwn2 = vmm::fmt::session_token_make("k", {"ex.org", "ann", false, 200, "s"});

// A daemon whose session command renews kAdmin to kAdmin2 and kOwn to kOwn2,
// and accepts ann's password "ann-pw" and the admin password "adm".
FakeDaemon daemon() {
  FakeDaemon d;
  d.handlers["session"] = [](const DaemonRequest& r) {
    const std::string& pass = r.args[2];
    if (pass == kAdmin || (r.args[1].empty() && pass == "adm")) return std::vector{FakeDaemon::ok(kAdmin2)};
    if (pass == kOwn || (r.args[1] == "ann" && (pass == "ann-pw" || pass == "new-pw")))
      return std::vector{FakeDaemon::ok(kOwn2)};
    return std::vector{FakeDaemon::error("authentication failed")};
  };
  return d;
}

CgiRequest post(const std::string& token, const std::string& body) {
  CgiRequest r;
  r.method = "POST";
  r.script = "/v.cgi";
  r.host = "127.0.0.1:8080";
  r.origin = "http://127.0.0.1:8080";
  if (!token.empty()) r.cookies = std::string(kSessionCookie) + "=" + token;
  r.body = body;
  return r;
}

CgiRequest get(const std::string& token, const std::string& query) {
  CgiRequest r;
  r.script = "/v.cgi";
  r.query = query;
  r.host = "127.0.0.1:8080";
  if (!token.empty()) r.cookies = "other=1; " + std::string(kSessionCookie) + "=" + token;
  return r;
}

std::string with_csrf(const std::string& token, const std::string& action, const std::string& rest) {
  return "action=" + action + "&csrf=" + csrf_token(token, action) + (rest.empty() ? "" : "&" + rest);
}

}  // namespace

TEST_CASE("app: a good login gets the token as an HttpOnly SameSite=Strict cookie and a redirect") {
  FakeDaemon d = daemon();
  Response r = handle_request(post("", "action=login_admin&domain=ex.org&password=adm"), d);
  CHECK(r.status == 303);
  CHECK(r.location == "http://127.0.0.1:8080/v.cgi");
  REQUIRE(r.cookies.size() == 1);
  CHECK(r.cookies[0] == std::string(kSessionCookie) + "=" + kAdmin2 + "; Path=/; HttpOnly; SameSite=Strict");
  CHECK(d.requests == std::vector{DaemonRequest{"session", {"ex.org", "", "adm"}}});
  CgiRequest tls = post("", "action=login_user&address=ann%40ex.org&password=ann-pw");
  tls.https = true;
  r = handle_request(tls, d);
  CHECK(r.location == "https://127.0.0.1:8080/v.cgi");
  CHECK(r.cookies.at(0) == std::string(kSessionCookie) + "=" + kOwn2 + "; Path=/; HttpOnly; SameSite=Strict; Secure");
  CHECK(d.requests.back() == DaemonRequest{"session", {"ex.org", "ann", "ann-pw"}});
}

TEST_CASE("app: a failed login is the login page again, 403, the password not in it") {
  FakeDaemon d = daemon();
  Response r = handle_request(post("", "action=login_user&address=ann%40ex.org&password=Guess-123"), d);
  CHECK(r.status == 403);
  CHECK(r.cookies.empty());
  CHECK(has(r.body, "Login failed: wrong address or password."));
  CHECK(has(r.body, "value=\"ann@ex.org\""));
  CHECK_FALSE(has(r.body, "Guess-123"));
  r = handle_request(post("", "action=login_user&address=ann&password=x"), d);
  CHECK(r.status == 400);
  CHECK(has(r.body, "Write the address as name@domain."));
}

TEST_CASE("app: every page load renews the session and sets the new token") {
  FakeDaemon d = daemon();
  d.handlers["listdomain"] = [](const DaemonRequest&) {
    return std::vector{FakeDaemon::ok(""), FakeDaemon::ok(""), };
  };
  Response r = handle_request(get(kAdmin, ""), d);
  CHECK(r.status == 200);
  CHECK(d.commands() == std::vector<std::string>{"session", "listdomain"});
  CHECK(d.requests[0] == DaemonRequest{"session", {"ex.org", "", kAdmin}});
  CHECK(d.requests[1] == DaemonRequest{"listdomain", {"ex.org", kAdmin2}});
  CHECK(r.cookies.at(0).rfind(std::string(kSessionCookie) + "=" + kAdmin2 + ";", 0) == 0);
  // the forms are made from the renewed token
  CHECK(has(r.body, csrf_token(kAdmin2, "add_account")));
  CHECK(has(r.body, "No accounts yet."));
}

TEST_CASE("app: a big domain's list asks stat for the accounts on its page only") {
  FakeDaemon d = daemon();
  vmm::fmt::Record mailbox;
  mailbox.password = "$6$x";
  mailbox.directory = "./users/x";
  mailbox.has_mailbox = true;
  const std::string rec = vmm::fmt::encode_record(mailbox);
  d.handlers["listdomain"] = [&](const DaemonRequest&) {
    std::vector<vmm::fmt::DaemonReply> v{FakeDaemon::ok("")};
    for (int i = 0; i < 130; ++i) v.push_back(FakeDaemon::ok("u" + std::to_string(100 + i) + '\0' + rec));
    v.push_back(FakeDaemon::ok(""));
    return v;
  };
  d.handlers["stat"] = [](const DaemonRequest&) {
    return std::vector{FakeDaemon::ok(std::string("\0" "1\0" "10\0" "0\0" "0\0" "0\0" "0\0", 14))};
  };
  // u100..u229; "U2" finds u200..u229; start past them is the first page
  Response r = handle_request(get(kAdmin, "start=100&find=U2"), d);
  CHECK(r.status == 200);
  std::vector<std::string> stats;
  for (const DaemonRequest& q : d.requests)
    if (q.command == "stat") stats.push_back(q.args.at(1));
  REQUIRE(stats.size() == 30);
  CHECK(stats.front() == "u200");
  CHECK(has(r.body, "Accounts 1-30 of 30 whose name contains &ldquo;U2&rdquo;."));
  d.requests.clear();
  r = handle_request(get(kAdmin, "start=50"), d);
  stats.clear();
  for (const DaemonRequest& q : d.requests)
    if (q.command == "stat") stats.push_back(q.args.at(1));
  REQUIRE(stats.size() == 50);
  CHECK(stats.front() == "u150");
  CHECK(stats.back() == "u199");
  CHECK(has(r.body, "Accounts 51-100 of 130."));
  CHECK(has(r.body, "<tr id=\"account-u150\">"));
  CHECK_FALSE(has(r.body, "account-u149\""));
}

TEST_CASE("app: a session the daemon refuses has ended: login page, cookie cleared") {
  FakeDaemon d = daemon();
  const std::string dead = vmm::fmt::session_token_make("k", {"ex.org", "", true, 1, "old"});
  Response r = handle_request(get(dead, ""), d);
  CHECK(r.status == 200);
  CHECK(has(r.body, "Your session has ended"));
  CHECK(r.cookies == std::vector<std::string>{std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"});
  CHECK(d.commands() == std::vector<std::string>{"session"});
}

TEST_CASE("app: a change without the right anti-CSRF field reaches no daemon") {
  FakeDaemon d = daemon();
  for (const std::string& body :
       {std::string("action=set_personal&name=joe&personal=x"),
        "action=set_personal&name=joe&personal=x&csrf=" + csrf_token(kAdmin, "delete"),
        "action=set_personal&name=joe&personal=x&csrf=" + csrf_token(kOwn, "set_personal")}) {
    Response r = handle_request(post(kAdmin, body), d);
    CHECK(r.status == 403);
    CHECK(has(r.body, "nothing was changed"));
  }
  CHECK(d.requests.empty());
}

TEST_CASE("app: a change with its token: renewal, the change, then a redirect (PRG)") {
  FakeDaemon d = daemon();
  Response r = handle_request(post(kAdmin, with_csrf(kAdmin, "set_forwards", "name=joe&forwards=a%40x.org%0D%0Ab")), d);
  CHECK(r.status == 303);
  CHECK(r.location == "http://127.0.0.1:8080/v.cgi?p=account&name=joe&done=forwards");
  REQUIRE(d.requests.size() == 2);
  CHECK(d.requests[1] == DaemonRequest{"chattr", {"ex.org", "joe", kAdmin2, "2", "a@x.org", "b"}});
  CHECK(r.cookies.at(0).rfind(std::string(kSessionCookie) + "=" + kAdmin2 + ";", 0) == 0);
}

TEST_CASE("app: the daemon's refusal is shown escaped, status 400") {
  FakeDaemon d = daemon();
  d.handlers["adduser3"] = [](const DaemonRequest&) {
    return std::vector{FakeDaemon::error("invalid account name '<b>'")};
  };
  Response r = handle_request(post(kAdmin, with_csrf(kAdmin, "add_account", "name=%3Cb%3E&password=p&password2=p")), d);
  CHECK(r.status == 400);
  CHECK(has(r.body, "vmailmgrd: invalid account name &#39;&lt;b&gt;&#39;"));
  r = handle_request(post(kAdmin, with_csrf(kAdmin, "add_account", "name=kim&password=p&password2=q")), d);
  CHECK(has(r.body, "The two passwords differ."));
  CHECK(d.commands() == std::vector<std::string>{"session", "adduser3", "session"});
}

TEST_CASE("app: a user's session cannot make an administrator's change, nor name another account") {
  FakeDaemon d = daemon();
  Response r = handle_request(post(kOwn, with_csrf(kOwn, "set_password", "name=joe&password=x&password2=x")), d);
  CHECK(r.status == 400);
  CHECK(has(r.body, "Only the domain&#39;s administrator can make that change."));
  r = handle_request(post(kOwn, with_csrf(kOwn, "own_forwards", "name=joe&forwards=x%40y.org")), d);
  CHECK(r.status == 303);
  // the account is the session's, whatever the form says
  CHECK(d.requests.back() == DaemonRequest{"chattr", {"ex.org", "ann", kOwn2, "2", "x@y.org"}});
  r = handle_request(get(kOwn, "p=account&name=joe"), d);
  CHECK(r.status == 403);
  for (const auto& q : d.requests) CHECK(q.args.at(1) != "joe");
}

TEST_CASE("app: a user's own password change needs the current one and makes a new session") {
  FakeDaemon d = daemon();
  Response r = handle_request(post(kOwn, with_csrf(kOwn, "own_password", "current=ann-pw&password=new-pw&password2=new-pw")), d);
  CHECK(r.status == 303);
  CHECK(d.requests.at(1) == DaemonRequest{"chattr", {"ex.org", "ann", "ann-pw", "1", "new-pw"}});
  CHECK(d.requests.at(2) == DaemonRequest{"session", {"ex.org", "ann", "new-pw"}});
  CHECK(r.cookies.size() == 1);
  d.handlers["chattr"] = [](const DaemonRequest&) { return std::vector{FakeDaemon::error("authentication failed")}; };
  r = handle_request(post(kOwn, with_csrf(kOwn, "own_password", "current=wrong&password=n&password2=n")), d);
  CHECK(r.status == 400);
  CHECK(has(r.body, "The current password is not right."));
}

TEST_CASE("app: delete only with the confirmation; logout clears the cookie") {
  FakeDaemon d = daemon();
  Response r = handle_request(post(kAdmin, with_csrf(kAdmin, "delete", "name=joe")), d);
  CHECK(has(r.body, "The deletion was not confirmed."));
  r = handle_request(post(kAdmin, with_csrf(kAdmin, "delete", "name=joe&confirm=yes")), d);
  CHECK(r.location == "http://127.0.0.1:8080/v.cgi?done=deleted&name=joe");
  CHECK(d.requests.back() == DaemonRequest{"deluser", {"ex.org", "joe", kAdmin2}});
  r = handle_request(post(kAdmin, with_csrf(kAdmin, "logout", "")), d);
  CHECK(r.location == "http://127.0.0.1:8080/v.cgi?done=logout");
  CHECK(r.cookies == std::vector<std::string>{std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"});
}

TEST_CASE("app: a post from another site's page is refused before anything else") {
  FakeDaemon d = daemon();
  CgiRequest r = post("", "action=login_admin&domain=ex.org&password=adm");
  r.origin = "http://evil.example";
  CHECK(handle_request(r, d).status == 403);
  CHECK(d.requests.empty());
}

TEST_CASE("app: no daemon is a 503 page that says so") {
  UnixSocketTransport none("/nonexistent/vmailmgrd.sock");
  Response r = handle_request(post("", "action=login_admin&domain=ex.org&password=adm"), none);
  CHECK(r.status == 503);
  CHECK(has(r.body, "The administration service vmailmgrd cannot be reached: unable to connect to /nonexistent/vmailmgrd.sock"));
  CHECK(handle_request(get("", "p=style.css"), none).content_type == "text/css; charset=utf-8");
}
