#include "auth/verify.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"
#include "system_fake.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::auth;
using namespace vmm::auth_testing;
using namespace vmm::login_testing;
using namespace vmm::testing;
namespace domain = vmm::domain;
namespace fmt = vmm::fmt;

namespace {

struct Setup {
  TempDir d;
  std::string etc = d / "etc", home = d / "home";
  FakeUserDb users;
  FakeAuthSystem sys;
  HookSite site{domain::Config(etc, ""), std::nullopt, {}};
  Setup() {
    write_file(etc + "/qmail-root", d / "qmail");
    write_file(d / "qmail/control/virtualdomains", "example.com:vmbase\n");
    users.add("vmbase", 2001, 2002, home);
    users.add("bob", 1001, 1001, d / "bob", std::string("$0$bob-pw"));
    std::filesystem::create_directories(home);
    put_accounts(home, {{"joe", mailbox("joe", "$0$joe-pw")}});
  }
  fmt::CheckpasswordRequest request(const std::string& login, const std::string& pw) {
    return fmt::parse_checkpassword(login + std::string(1, '\0') + pw + std::string(1, '\0'));
  }
  VerifiedLogin verify(const std::string& login, const std::string& pw, AuthSetup setup = {}) {
    return authenticate(request(login, pw), setup, sys, users, domain::Config(etc, ""), site);
  }
  std::string refusal(const std::string& login, const std::string& pw, AuthSetup setup = {}) {
    try {
      verify(login, pw, setup);
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::bad_login);
      return e.what();
    }
    return "";
  }
};

}  // namespace

TEST_CASE("authenticate: a virtual account, and the hook site learns its domain") {
  Setup s;
  VerifiedLogin v = s.verify("joe@example.com", "joe-pw");
  CHECK(v.virtual_account());
  CHECK(v.known_as == "joe@example.com");
  CHECK(v.target.base.name == "vmbase");
  CHECK(v.target.account == "joe");
  CHECK(v.record.password == "$0$joe-pw");
  CHECK(v.domain->home() == s.home);
  REQUIRE(s.site.domain.has_value());
  CHECK(s.site.domain->domain_dir() == s.home + "/.vmailmgr");
  CHECK(s.site.owner.name == "vmbase");
  CHECK(s.site.owner.uid == 2001);
  CHECK(s.site.owner.gid == 2002);
  // As root, the base user's table and settings are read as the base user.
  CHECK(s.sys.log == std::vector<std::string>{"borrow vmbase {", "}"});
  Setup t;
  t.sys.current_uid = 2001;
  t.verify("joe@example.com", "joe-pw");
  CHECK(t.sys.log.empty());
}

TEST_CASE("authenticate: the site learns the domain even when the account is refused") {
  Setup s;
  CHECK(s.refusal("nobody@example.com", "x") == "unknown user: nobody@example.com");
  CHECK(s.site.domain.has_value());
  Setup t;
  CHECK(t.refusal("nobody@elsewhere.test", "x") == "unknown user: nobody@elsewhere.test");
  CHECK_FALSE(t.site.domain.has_value());
  CHECK(t.refusal("nobody", "x") == "unknown user: nobody");
}

TEST_CASE("authenticate: system users; lookups check no password") {
  Setup s;
  VerifiedLogin bob = s.verify("bob", "bob-pw");
  CHECK_FALSE(bob.virtual_account());
  CHECK(bob.known_as == "bob");
  CHECK_FALSE(s.site.domain.has_value());
  CHECK(s.refusal("bob", "nope") == "wrong password: bob");
  const AuthSetup lookup{AuthMode::dovecot, true};
  CHECK(s.verify("joe@example.com", "", lookup).target.account == "joe");
  CHECK(s.refusal("joe@example.com", "", AuthSetup{}) == "wrong password: joe@example.com");
  CHECK(s.refusal("x@example.com", "", lookup) == "unknown user: x@example.com");
}

TEST_CASE("authenticate: an unreadable control file or table is not a bad login") {
  Setup s;
  std::filesystem::remove(s.home + "/passwd.cdb");
  std::filesystem::create_directory(s.home + "/passwd.cdb");  // cannot be mapped
  try {
    s.verify("joe@example.com", "joe-pw");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() != ErrorClass::bad_login);
  }
  Setup t;
  std::filesystem::remove(t.d / "qmail/control/virtualdomains");
  std::filesystem::create_directory(t.d / "qmail/control/virtualdomains");
  try {
    t.verify("joe@example.com", "joe-pw");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() != ErrorClass::bad_login);
    CHECK(std::string(e.what()).find("virtualdomains") != std::string::npos);
  }
}

TEST_CASE("authenticate: a good password records the last login, nothing else does") {
  Setup s;
  s.sys.clock = 1800000000;
  auto last = [&](const std::string& name) { return domain::Domain(s.home, domain::Config(s.etc, "")).last_logins().find(name); };
  s.verify("joe@example.com", "joe-pw");
  CHECK(last("joe") == std::optional<std::time_t>(1800000000));
  CHECK(s.sys.log == std::vector<std::string>{"borrow vmbase {", "}"});  // recorded as vmbase
  s.sys.clock += 100;
  s.refusal("joe@example.com", "wrong");
  CHECK(last("joe") == std::optional<std::time_t>(1800000000));
  s.verify("joe@example.com", "", AuthSetup{AuthMode::dovecot, true});  // a userdb lookup
  CHECK(last("joe") == std::optional<std::time_t>(1800000000));
  s.verify("JOE@example.com", "joe-pw");
  CHECK(last("joe") == std::optional<std::time_t>(1800000100));
  s.verify("bob", "bob-pw");  // a system user has no table to record in
  CHECK(list_dir(s.home + "/last-login") == std::vector<std::string>{"joe"});

  // Running as the base user: recorded; as anyone else (not root): not.
  Setup t;
  t.sys.current_uid = 2001;
  t.verify("joe@example.com", "joe-pw");
  CHECK(domain::Domain(t.home, domain::Config(t.etc, "")).last_logins().find("joe").has_value());
  Setup u;
  u.sys.current_uid = 4321;
  u.verify("joe@example.com", "joe-pw");
  CHECK_FALSE(exists(u.home + "/last-login"));
  CHECK(u.sys.log.empty());  // no warning either
}

TEST_CASE("authenticate: a login whose time cannot be recorded still succeeds") {
  Setup s;
  write_file(s.home + "/last-login", "not a directory");
  VerifiedLogin v = s.verify("joe@example.com", "joe-pw");
  CHECK(v.target.account == "joe");
  REQUIRE(s.sys.log.size() == 3);
  CHECK(s.sys.log[1].rfind("warn unable to record the last login of joe@example.com: ", 0) == 0);
}
