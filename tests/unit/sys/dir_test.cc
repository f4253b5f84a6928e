#include "sys/dir.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::sys;

namespace {

struct Scratch {
  std::string path;
  Scratch() {
    char tmpl[] = "/tmp/vmm_auth_dirs.XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~Scratch() { std::filesystem::remove_all(path); }
};

std::string cwd() {
  char buf[PATH_MAX];
  REQUIRE(::getcwd(buf, sizeof buf) != nullptr);
  return buf;
}

}  // namespace

TEST_CASE("is_directory: directories and links to them only") {
  Scratch s;
  std::filesystem::create_directory(s.path + "/Maildir");
  int fd = ::open((s.path + "/file").c_str(), O_WRONLY | O_CREAT, 0600);
  ::close(fd);
  std::filesystem::create_directory_symlink(s.path + "/Maildir", s.path + "/link");
  std::filesystem::create_symlink(s.path + "/nowhere", s.path + "/dangling");
  CHECK(is_directory(s.path + "/Maildir"));
  CHECK(is_directory(s.path + "/Maildir/"));
  CHECK(is_directory(s.path + "/link"));
  CHECK_FALSE(is_directory(s.path + "/file"));
  CHECK_FALSE(is_directory(s.path + "/file/sub"));  // ENOTDIR
  CHECK_FALSE(is_directory(s.path + "/missing"));
  CHECK_FALSE(is_directory(s.path + "/dangling"));
  CHECK_FALSE(is_directory(""));
}

TEST_CASE("change_dir: moves the process, or names the path in the error") {
  Scratch s;
  const std::string before = cwd();
  change_dir(s.path);
  CHECK(cwd() == s.path);
  change_dir(before);
  CHECK(cwd() == before);
  try {
    change_dir(s.path + "/missing");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::permanent);
    CHECK(std::string(e.what()) ==
          "unable to change directory to " + s.path + "/missing: No such file or directory");
  }
  CHECK(cwd() == before);
}
