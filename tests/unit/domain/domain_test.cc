#include "domain/domain.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::domain::Config;
using vmm::domain::Domain;

namespace {

// DIR/etc (global settings) and DIR/home with its .vmailmgr.
struct TempHome {
  vmm::testing::TempDir tmp;
  std::string dir = tmp.path;
  TempHome() {
    std::filesystem::create_directories(dir + "/etc");
    std::filesystem::create_directories(dir + "/home/.vmailmgr");
  }
  void set(const std::string& rel, const std::string& text) const {
    vmm::testing::write_file(tmp / rel, text);
  }
  Domain domain() const { return Domain(dir + "/home/", Config(dir + "/etc", "")); }
};

}  // namespace

TEST_CASE("domain: home, table path and stored directories") {
  TempHome t;
  Domain d = t.domain();
  CHECK(d.home() == t.dir + "/home");
  CHECK(d.config().domain_dir() == t.dir + "/home/.vmailmgr");
  CHECK(d.table().path() == t.dir + "/home/passwd.cdb");
  CHECK(d.absolute("./users/joe") == t.dir + "/home/users/joe");
  CHECK(d.absolute("users/mailer-daemon") == t.dir + "/home/users/mailer-daemon");
  CHECK(d.absolute("/var/mail/x") == "/var/mail/x");
  CHECK(d.absolute("") == "");
}

TEST_CASE("domain: per-domain settings shape the table and directories") {
  TempHome t;
  t.set("home/.vmailmgr/password-file", "accounts\n");
  t.set("etc/user-dir", "boxes\n");
  t.set("home/.vmailmgr/user-dir-bits", "4\n");
  t.set("home/.vmailmgr/user-dir-slices", "2\n");
  Domain d = t.domain();
  CHECK(d.table().path() == t.dir + "/home/accounts.cdb");
  CHECK(d.new_account_dir("kai") == "./boxes/9/c/kai");
  CHECK(d.new_account_dir("ivar.holm").substr(0, 8) == "./boxes/");
}

TEST_CASE("domain: defaults give VMailMgr's layout; silly bit counts are refused") {
  TempHome t;
  CHECK(t.domain().new_account_dir("ivar.holm") == "./users/ivar:holm");
  t.set("home/.vmailmgr/user-dir-bits", "40\n");
  t.set("home/.vmailmgr/user-dir-slices", "1\n");
  try {
    t.domain().new_account_dir("x");
    FAIL("expected an error");
  } catch (const vmm::Error& e) {
    CHECK(e.cls() == vmm::ErrorClass::permanent);
    CHECK(std::string(e.what()) == "setting user-dir-bits is 40, at most 32 makes sense");
  }
}

TEST_CASE("domain: user-dir follows the rule of vadduser -d") {
  TempHome t;
  auto refusal = [&](const std::string& user_dir) {
    t.set("home/.vmailmgr/user-dir", user_dir + "\n");
    return vmm::testing::error_of([&] { t.domain().new_account_dir("joe"); });
  };
  CHECK(refusal("../elsewhere") == "setting user-dir '../elsewhere/' is invalid: it contains '..'");
  CHECK(refusal("users/../..") == "setting user-dir 'users/../../' is invalid: it contains '..'");
  CHECK(refusal(".") == "setting user-dir './' is invalid: it names no directory below the home");
  CHECK(refusal(".vmailmgr") ==
        "setting user-dir '.vmailmgr/' is invalid: it is the domain's settings directory .vmailmgr");
  CHECK(refusal(t.dir + "/home") ==
        "setting user-dir '" + t.dir + "/home/' is invalid: it is the base home itself");
  t.set("home/.vmailmgr/user-dir", "mail\n");
  CHECK(t.domain().new_account_dir("joe") == "./mail/joe");
}
