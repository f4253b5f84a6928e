#include "admin/rehash_move.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;
namespace fs = std::filesystem;

TEST_CASE("rehash paths: normal forms and containment") {
  CHECK(normal_path("/h/./users//a/../b/") == "/h/users/b");
  CHECK(normal_path("/h/users/") == "/h/users");
  CHECK(normal_path("/") == "/");
  CHECK(is_below("/h/users/a", "/h"));
  CHECK(is_below("/h/users", "/h"));
  CHECK_FALSE(is_below("/h", "/h"));
  CHECK_FALSE(is_below("/hx/a", "/h"));
  CHECK_FALSE(is_below("/elsewhere", "/h"));
  CHECK(is_below("/h", "/"));
  CHECK_FALSE(is_below("/", "/"));
}

TEST_CASE("rehash paths: parents are made 0755, never through a symlink") {
  TempHome h;
  mode_t old_umask = ::umask(022);
  make_parents(h.home, h / "users/9/c/kai");
  CHECK(mode_of(h / "users") == 0755);
  CHECK(mode_of(h / "users/9") == 0755);
  CHECK(mode_of(h / "users/9/c") == 0755);
  CHECK_FALSE(exists(h / "users/9/c/kai"));
  ::umask(old_umask);
  make_parents(h.home, h / "users/9/c/kai");  // all there already: fine
  make_parents(h.home, h / "top");            // the parent is base itself: nothing to do

  fs::create_directory(h.root + "/outside");
  fs::create_directory_symlink(h.root + "/outside", h / "users/5");
  CHECK(error_of([&] { make_parents(h.home, h / "users/5/a/joe"); }) ==
        h / "users/5 is not a directory");
  CHECK_FALSE(exists(h.root + "/outside/a"));
  write_file(h / "users/file", "x");
  CHECK(error_of([&] { make_parents(h.home, h / "users/file/joe"); }) ==
        h / "users/file is not a directory");
  CHECK(error_of([&] { make_parents(h.home, h.root + "/x/y"); }) ==
        h.root + "/x/y is not below " + h.home);
}

TEST_CASE("rehash paths: emptied hash directories go, up to the stop") {
  TempHome h;
  fs::create_directories(h / "users/9/c");
  fs::create_directories(h / "users/9/d/other");
  remove_empty_parents(h / "users/9/c/kai", h / "users");
  CHECK_FALSE(exists(h / "users/9/c"));
  CHECK(exists(h / "users/9/d/other"));  // users/9 is not empty: kept
  CHECK(exists(h / "users"));

  fs::create_directories(h / "users/a/b");
  remove_empty_parents(h / "users/a/b/joe", h / "users");
  CHECK_FALSE(exists(h / "users/a"));
  CHECK(exists(h / "users"));  // the stop itself stays, even when empty

  fs::create_directories(h / "mail/x");
  remove_empty_parents(h / "mail/x/joe", h / "users");  // not below the stop
  CHECK(exists(h / "mail/x"));
}
