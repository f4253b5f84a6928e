#include "domain/base_user.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <memory>

using vmm::domain::BaseUser;
using vmm::domain::SystemUserDb;
using vmm::domain::UserDb;

TEST_CASE("SystemUserDb::find adapts getpwnam") {
  std::unique_ptr<UserDb> db = std::make_unique<SystemUserDb>();
  std::optional<BaseUser> root = db->find("root");
  REQUIRE(root.has_value());
  CHECK(root->name == "root");
  CHECK(root->uid == 0);
  CHECK(root->gid == 0);
  CHECK(root->home == "/root");
  CHECK(root->shell.front() == '/');
  CHECK(db->find("no-such-user.vmm-test-x9") == std::nullopt);
  CHECK(db->find("") == std::nullopt);
  CHECK(db->find(std::string("root\0", 5)) == std::nullopt);
}

TEST_CASE("SystemUserDb::system_password adapts getspnam") {
  SystemUserDb db;
  CHECK(db.system_password("no-such-user.vmm-test-x9") == std::nullopt);
  if (::geteuid() == 0) {
    std::optional<std::string> hash = db.system_password("root");
    REQUIRE(hash.has_value());
    CHECK(hash->find('\n') == std::string::npos);
  }
}
