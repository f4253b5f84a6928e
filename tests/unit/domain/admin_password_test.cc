#include "domain/admin_password.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/password.h"

using namespace vmm::domain;
using vmm::testing::error_of;
using vmm::testing::exists;
using vmm::testing::file_bytes;
using vmm::testing::mode_of;
using vmm::testing::TempDir;
using vmm::testing::write_file;

TEST_CASE("admin password: stored 0600 in ~/.vmailmgr, read back, removed") {
  TempDir home;
  CHECK(admin_password_path(home.path) == home.path + "/.vmailmgr/admin-password");
  CHECK(read_admin_password(home.path) == std::nullopt);
  CHECK_FALSE(remove_admin_password(home.path));

  const std::string hash = hash_password("s3cret admin");
  store_admin_password(home.path, hash);  // makes .vmailmgr
  CHECK(mode_of(home.path + "/.vmailmgr") == 0755);
  CHECK(mode_of(admin_password_path(home.path)) == 0600);
  CHECK(file_bytes(admin_password_path(home.path)) == hash + "\n");
  CHECK(read_admin_password(home.path) == hash);
  CHECK(check_password(*read_admin_password(home.path), "s3cret admin") == PasswordCheck::match);

  store_admin_password(home.path, "*");  // locked: no admin access
  CHECK(read_admin_password(home.path) == "*");
  CHECK(vmm::testing::list_dir(home.path + "/.vmailmgr") == std::vector<std::string>{"admin-password"});

  CHECK(remove_admin_password(home.path));
  CHECK_FALSE(exists(admin_password_path(home.path)));
  CHECK(read_admin_password(home.path) == std::nullopt);
}

TEST_CASE("admin password: the first line, trimmed; an empty file never verifies") {
  TempDir home;
  const std::string path = home.path + "/.vmailmgr/admin-password";
  write_file(path, "  $1$abc$xyz  \nsecond line\n", 0600);
  CHECK(read_admin_password(home.path) == "$1$abc$xyz");
  write_file(path, "", 0600);
  CHECK(read_admin_password(home.path) == "");
  CHECK(check_password("", "anything") == PasswordCheck::locked);
}

TEST_CASE("admin password: a file others may read, a symlink, a directory are refused") {
  TempDir home;
  const std::string path = home.path + "/.vmailmgr/admin-password";
  write_file(path, "$1$abc$xyz\n", 0640);
  CHECK(error_of([&] { read_admin_password(home.path); }) ==
        path + " must be readable by the base user alone (mode 0600), not 0640");
  write_file(path, "$1$abc$xyz\n", 0604);
  CHECK(error_of([&] { read_admin_password(home.path); }) ==
        path + " must be readable by the base user alone (mode 0600), not 0604");
  write_file(path, "$1$abc$xyz\n", 0400);
  CHECK(read_admin_password(home.path) == "$1$abc$xyz");

  write_file(home.path + "/elsewhere", "$1$abc$xyz\n", 0600);
  REQUIRE(::unlink(path.c_str()) == 0);
  REQUIRE(::symlink((home.path + "/elsewhere").c_str(), path.c_str()) == 0);
  CHECK(error_of([&] { read_admin_password(home.path); }) ==
        path + " must be a plain file, not a symbolic link");
  CHECK(remove_admin_password(home.path));  // the link goes, its target stays
  CHECK(exists(home.path + "/elsewhere"));

  vmm::testing::create_dir(path);
  CHECK(error_of([&] { read_admin_password(home.path); }) == path + " must be a plain file");
  CHECK(error_of([&] { remove_admin_password(home.path); }) == path + " is a directory; remove it by hand");
}

TEST_CASE("admin password: owned by another user") {
  if (::geteuid() != 0) return;  // only root can give a file away
  TempDir home;
  const std::string path = home.path + "/.vmailmgr/admin-password";
  write_file(path, "$1$abc$xyz\n", 0600);
  REQUIRE(::chown(path.c_str(), 4242, 4242) == 0);
  CHECK(error_of([&] { read_admin_password(home.path); }) ==
        path + " must belong to the base user (uid 0), not uid 4242");
}

TEST_CASE("admin password: a bad hash is not stored") {
  TempDir home;
  CHECK(error_of([&] { store_admin_password(home.path, "two words"); }) ==
        "invalid admin password hash (it must be printable ASCII without blanks)");
  CHECK(error_of([&] { store_admin_password(home.path, ""); }) ==
        "invalid admin password hash (it must be printable ASCII without blanks)");
  CHECK_FALSE(exists(home.path + "/.vmailmgr"));
}
