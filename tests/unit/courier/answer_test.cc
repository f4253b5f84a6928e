#include "courier/answer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "courier_testing.h"
#include "domain/password.h"

using namespace vmm::courier_testing;
using vmm::courier::answer;
namespace domain = vmm::domain;

namespace {

// The reply to the one request in stream.
std::string reply(World& w, const std::string& stream) {
  std::vector<vmm::fmt::AuthpipeRequest> requests = parse(stream);
  REQUIRE(requests.size() == 1);
  return answer(requests[0], w.sys, w.users, w.global());
}

std::string joe_fields(const World& w, const std::string& address = "joe@example.com") {
  return "ADDRESS=" + address +
         "\nUSERNAME=vmbase\nUID=2001\nGID=2002\n"
         "HOME=" + w.home + "/users/joe\nMAILDIR=" + w.home +
         "/users/joe\nQUOTA=5000000S,500C\nNAME=Joe Example\n.\n";
}

using Log = std::vector<std::string>;

}  // namespace

TEST_CASE("answer: AUTH login, the fields of a good login") {
  World w;
  CHECK(reply(w, auth_request("joe@example.com", "joe-pw")) == joe_fields(w));
  CHECK(reply(w, auth_request("Joe@Example.COM", "joe-pw")) == joe_fields(w));
  CHECK(reply(w, auth_request("joe:example.com", "joe-pw")) == joe_fields(w));
  // As root, the table is read as the base user, once per login: a current
  // hash needs no second borrow to read the rehash setting.
  CHECK(w.sys.lines("borrow") == Log(3, "borrow vmbase {"));
  CHECK(w.sys.lines("warn").empty());
}

TEST_CASE("answer: PRE looks up without a password, and still refuses what cannot log in") {
  World w;
  CHECK(reply(w, "PRE . imap joe@example.com\n") == joe_fields(w));
  CHECK(reply(w, "PRE . imap dora@example.com\n") == "FAIL\n");
  CHECK(reply(w, "PRE . imap eve@example.com\n") == "FAIL\n");
  CHECK(reply(w, "PRE . imap sales@example.com\n") == "FAIL\n");
  CHECK(reply(w, "PRE . imap nobody@example.com\n") == "FAIL\n");
  CHECK(w.sys.lines("warn") == Log{
                                   "warn lookup failed: mailbox is disabled: dora@example.com",
                                   "warn lookup failed: account has expired: eve@example.com",
                                   "warn lookup failed: account has no mailbox: sales@example.com",
                                   "warn lookup failed: unknown user: nobody@example.com",
                               });
  // No loginfail hooks for lookups: nobody tried a password.
  w.hook(w.etc, "authvmailmgr-loginfail");
  CHECK(reply(w, "PRE . imap nobody@example.com\n") == "FAIL\n");
  CHECK(w.sys.lines("run").empty());
}

TEST_CASE("answer: every refusal of SPEC §5 is FAIL, one line, and the loginfail hooks") {
  struct Case {
    std::string login, password, why;
  } cases[] = {
      {"nobody@example.com", "joe-pw", "unknown user: nobody@example.com"},
      {"nobody@elsewhere.test", "joe-pw", "unknown user: nobody@elsewhere.test"},
      {"joe@example.com", "wrong", "wrong password: joe@example.com"},
      {"joe@example.com", "", "wrong password: joe@example.com"},
      {"sales@example.com", "joe-pw", "account has no mailbox: sales@example.com"},
      {"dora@example.com", "joe-pw", "mailbox is disabled: dora@example.com"},
      {"eve@example.com", "joe-pw", "account has expired: eve@example.com"},
      {"+@example.com", "*", "wrong password: +@example.com"},
      {"@example.com", "x", "malformed login"},
      {"../joe@example.com", "x", "malformed login"},
      {"joe@rootdom.test", "joe-pw", "base user root has uid 0: joe@rootdom.test"},
      {"root", "root-pw", "user root has uid 0: root"},
      {"bob", "wrong", "wrong password: bob"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    World w;
    w.hook(w.etc, "authvmailmgr-loginfail");
    CHECK(reply(w, auth_request(c.login, c.password)) == "FAIL\n");
    CHECK(w.sys.lines("warn") == Log{"warn login failed: " + c.why});
    CHECK(w.sys.lines("run") == Log{"run " + w.etc + "/authvmailmgr-loginfail (uid 0)"});
    CHECK(w.sys.lines("set") == Log{"set AUTHVMAILMGR_ERROR=" + c.why});
    CHECK(w.sys.lines("unset") == Log{"unset AUTHVMAILMGR_ERROR"});
    CHECK_FALSE(w.sys.environment.contains("AUTHVMAILMGR_ERROR"));
  }
}

TEST_CASE("answer: the per-domain loginfail hook runs as the base user, after the global one") {
  World w;
  w.hook(w.etc, "authvmailmgr-loginfail");
  w.hook(w.home + "/.vmailmgr", "authvmailmgr-loginfail");
  w.hook(w.etc, "checkvpw-loginfail");  // checkvpw's own hooks are not ours
  CHECK(reply(w, auth_request("joe@example.com", "wrong")) == "FAIL\n");
  CHECK(w.sys.log == Log{
                         "borrow vmbase {",
                         "}",
                         "warn login failed: wrong password: joe@example.com",
                         "set AUTHVMAILMGR_ERROR=wrong password: joe@example.com",
                         "run " + w.etc + "/authvmailmgr-loginfail (uid 0)",
                         "borrow vmbase {",
                         "run " + w.home + "/.vmailmgr/authvmailmgr-loginfail (uid 2001)",
                         "}",
                         "unset AUTHVMAILMGR_ERROR",
                     });
}

TEST_CASE("answer: a failing loginfail hook is reported, the answer stays FAIL") {
  World w;
  w.hook(w.etc, "authvmailmgr-loginfail");
  w.sys.exit_of[w.etc + "/authvmailmgr-loginfail"] = 3;
  CHECK(reply(w, auth_request("joe@example.com", "wrong")) == "FAIL\n");
  CHECK(w.sys.lines("warn") ==
        Log{"warn login failed: wrong password: joe@example.com",
            "warn hook " + w.etc + "/authvmailmgr-loginfail exited with status 3"});
  CHECK(w.sys.lines("unset") == Log{"unset AUTHVMAILMGR_ERROR"});
}

TEST_CASE("answer: authtypes other than login are refused, without hooks") {
  World w;
  w.hook(w.etc, "authvmailmgr-loginfail");
  CHECK(reply(w, auth_request("joe@example.com", "joe-pw", "cram-md5")) == "FAIL\n");
  CHECK(reply(w, auth_request("joe@example.com", "joe-pw", "LOGIN")) == "FAIL\n");
  CHECK(reply(w, auth_request("joe@example.com", "joe-pw", "x\x1b[2J")) == "FAIL\n");
  CHECK(w.sys.lines("warn") ==
        Log{"warn login failed: authtype 'cram-md5' is not supported (only login)",
            "warn login failed: authtype 'LOGIN' is not supported (only login)",
            "warn login failed: authtype (not shown) is not supported (only login)"});
  CHECK(w.sys.lines("run").empty());
  CHECK(w.sys.lines("borrow").empty());  // nothing was looked at
}

TEST_CASE("answer: a login without a domain: default-domain only, never the environment") {
  World w;
  w.sys.environment["TCPLOCALHOST"] = "example.com";
  w.sys.environment["TCPLOCALIP"] = "127.0.0.1";
  w.setting("ip-domains", "127.0.0.1:example.com");
  // "joe" alone is a system user login then (there is none).
  CHECK(reply(w, auth_request("joe", "joe-pw")) == "FAIL\n");
  CHECK(w.sys.lines("warn") == Log{"warn login failed: unknown user: joe"});
  w.setting("default-domain", "example.com");  // read afresh: no restart needed
  CHECK(reply(w, auth_request("joe", "joe-pw")) == joe_fields(w));
}

TEST_CASE("answer: a system user gets its home and default-maildir") {
  World w;
  CHECK(reply(w, auth_request("bob", "bob-pw")) ==
        "ADDRESS=bob\nUSERNAME=bob\nUID=1001\nGID=1001\nHOME=" + w.dir / "home/bob" +
            "\nMAILDIR=" + w.dir / "home/bob/Maildir" + "\n.\n");
  w.setting("system-logins", "0");
  CHECK(reply(w, auth_request("bob", "bob-pw")) == "FAIL\n");
}

TEST_CASE("answer: rehash on login for AUTH, never for PRE") {
  World w;
  CHECK(reply(w, "PRE . imap old@example.com\n") != "FAIL\n");
  CHECK(w.stored_hash("old") == kMd5CryptHash);
  CHECK(reply(w, auth_request("old@example.com", kMd5CryptPassword)) != "FAIL\n");
  const std::string now = w.stored_hash("old");
  CHECK(now.rfind("$y$", 0) == 0);
  CHECK(domain::check_password(now, kMd5CryptPassword) == domain::PasswordCheck::match);
  CHECK(w.sys.lines("borrow").size() == 3);  // PRE read, AUTH read, AUTH rehash
}

TEST_CASE("answer: PASSWD changes the hash as the base user and answers OK") {
  World w;
  CHECK(reply(w, "PASSWD imap\tjoe@example.com\tjoe-pw\tnew secret\n") == "OK\n");
  CHECK(domain::check_password(w.stored_hash("joe"), "new secret") == domain::PasswordCheck::match);
  CHECK(w.stored_hash("joe").rfind("$y$", 0) == 0);
  CHECK(w.sys.log == Log{"borrow vmbase {", "}", "borrow vmbase {", "}",
                         "warn password changed: joe@example.com"});
  const auto mode = std::filesystem::status(w.home + "/passwd.cdb").permissions();
  CHECK(mode == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  // The old password is gone, the new one logs in.
  CHECK(reply(w, auth_request("joe@example.com", "joe-pw")) == "FAIL\n");
  CHECK(reply(w, auth_request("joe@example.com", "new secret")) == joe_fields(w));
}

TEST_CASE("answer: PASSWD refusals leave the table alone") {
  struct Case {
    std::string request, warning;
    bool hook;
  } cases[] = {
      {"PASSWD imap\tjoe@example.com\twrong\tnew\n",
       "password change refused: wrong password: joe@example.com", true},
      {"PASSWD imap\tnobody@example.com\tjoe-pw\tnew\n",
       "password change refused: unknown user: nobody@example.com", true},
      {"PASSWD imap\tdora@example.com\tjoe-pw\tnew\n",
       "password change refused: mailbox is disabled: dora@example.com", true},
      {"PASSWD imap\tjoe@example.com\tjoe-pw\t\n",
       "password change failed: joe@example.com: no password given", false},
      {"PASSWD imap\tjoe@example.com\tjoe-pw\tbell\x07\n",
       "password change failed: joe@example.com: the password contains a control character",
       false},
      {"PASSWD imap\tjoe@example.com\tjoe-pw\t" + std::string(257, 'x') + "\n",
       "password change failed: joe@example.com: the password is longer than 256 bytes", false},
      {"PASSWD imap\tbob\tbob-pw\tnew\n",
       "password change failed: bob: system user: its password is not kept by vmailmgr", false},
      {"PASSWD imap\tjoe@example.com\tjoe-pw\n", "bad request: PASSWD request is not SERVICE, "
                                                 "LOGIN, OLD and NEW separated by tabs",
       false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.warning);
    World w;
    w.hook(w.etc, "authvmailmgr-loginfail");
    const std::string before = w.stored_hash("joe");
    CHECK(reply(w, c.request) == "FAIL\n");
    CHECK(w.sys.lines("warn") == Log{"warn " + c.warning});
    CHECK(w.sys.lines("run").size() == (c.hook ? 1u : 0u));
    CHECK(w.stored_hash("joe") == before);
  }
}

TEST_CASE("answer: PASSWD not as root and not as the base user cannot write") {
  World w;
  w.sys.current_uid = 3000;
  CHECK(reply(w, "PASSWD imap\tjoe@example.com\tjoe-pw\tnew\n") == "FAIL\n");
  CHECK(w.sys.lines("warn") == Log{"warn password change failed: joe@example.com: unable to "
                                   "write the table of vmbase: running as uid 3000"});
  World b;
  b.sys.current_uid = 2001;  // the base user itself writes directly
  CHECK(reply(b, "PASSWD imap\tjoe@example.com\tjoe-pw\tnew\n") == "OK\n");
  CHECK(b.sys.lines("borrow").empty());
}

TEST_CASE("answer: an unreadable table or control file is FAIL without hooks") {
  World w;
  w.hook(w.etc, "authvmailmgr-loginfail");
  std::filesystem::remove(w.home + "/passwd.cdb");
  std::filesystem::create_directory(w.home + "/passwd.cdb");
  CHECK(reply(w, auth_request("joe@example.com", "joe-pw")) == "FAIL\n");
  REQUIRE(w.sys.lines("warn").size() == 1);
  CHECK(w.sys.lines("warn")[0].rfind("warn login failed: ", 0) == 0);
  CHECK(w.sys.lines("run").empty());

  World c;
  std::filesystem::remove(c.qmail + "/control/virtualdomains");
  std::filesystem::create_directory(c.qmail + "/control/virtualdomains");
  CHECK(reply(c, "ENUMERATE\n") == "FAIL\n");
  REQUIRE(c.sys.lines("warn").size() == 1);
  CHECK(c.sys.lines("warn")[0].rfind("warn request failed: ", 0) == 0);
}

TEST_CASE("answer: bad requests and ENUMERATE") {
  World w;
  CHECK(reply(w, "HELO\n") == "FAIL\n");
  CHECK(w.sys.lines("warn") == Log{"warn bad request: unknown request"});
  const std::string listing = reply(w, "ENUMERATE\n");
  CHECK(listing.starts_with("dora@alias.example\t2001\t2002\t"));
  CHECK(listing.ends_with("\n.\n"));
}
