#include "auth/last_login.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "system_fake.h"

using namespace vmm;
using namespace vmm::auth;
using namespace vmm::auth_testing;
using namespace vmm::testing;

TEST_CASE("record_last_login: the clock's time, per account") {
  TempDir d;
  create_dir(d / "home");
  domain::Domain dom(d / "home", domain::Config(d / "etc", ""));
  FakeAuthSystem sys;
  sys.clock = 1800000123;
  record_last_login(sys, dom, "joe", "joe@example.com");
  CHECK(dom.last_logins().find("joe") == std::optional<std::time_t>(1800000123));
  CHECK(sys.log.empty());
  sys.clock += 60;
  record_last_login(sys, dom, "joe", "joe@example.com");
  CHECK(dom.last_logins().find("joe") == std::optional<std::time_t>(1800000183));
  CHECK(list_dir(d / "home/last-login") == std::vector<std::string>{"joe"});
}

TEST_CASE("record_last_login: off with record-last-login 0, globally or per domain") {
  TempDir d;
  create_dir(d / "home");
  write_file(d / "etc/record-last-login", "0\n");
  FakeAuthSystem sys;
  domain::Domain off(d / "home", domain::Config(d / "etc", ""));
  record_last_login(sys, off, "joe", "joe@example.com");
  CHECK_FALSE(exists(d / "home/last-login"));
  write_file(d / "home/.vmailmgr/record-last-login", "1\n");  // the domain wants it
  domain::Domain on(d / "home", domain::Config(d / "etc", ""));
  record_last_login(sys, on, "joe", "joe@example.com");
  CHECK(on.last_logins().find("joe") == std::optional<std::time_t>(sys.clock));
}

TEST_CASE("record_last_login: a failure is a warning, never an error") {
  TempDir d;
  create_dir(d / "home");
  write_file(d / "home/last-login", "a file, not a directory");
  FakeAuthSystem sys;
  domain::Domain dom(d / "home", domain::Config(d / "etc", ""));
  record_last_login(sys, dom, "joe", "joe@example.com");
  CHECK(sys.log == std::vector<std::string>{
                       "warn unable to record the last login of joe@example.com: unable to open "
                       "directory " + d / "home/last-login: Not a directory"});
  FakeAuthSystem bad_setting;
  write_file(d / "etc/record-last-login", "often\n");
  domain::Domain broken(d / "home", domain::Config(d / "etc", ""));
  record_last_login(bad_setting, broken, "joe", "joe@example.com");
  REQUIRE(bad_setting.log.size() == 1);
  CHECK(bad_setting.log[0].find("warn unable to record the last login of joe@example.com: " +
                                d / "etc/record-last-login") == 0);
}
