#include "store/last_login.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using namespace vmm::testing;

namespace {

std::time_t mtime_of(const std::string& path) {
  struct stat st;
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mtim.tv_sec;
}

}  // namespace

TEST_CASE("last login: recorded as the file's time, the directory made at the first") {
  TempDir d;
  store::LastLogins logins(d / "last-login");
  CHECK_FALSE(logins.find("joe").has_value());  // no directory yet: never
  logins.record("joe", 1800000000);
  CHECK(mode_of(d / "last-login") == 0700);
  CHECK(mode_of(d / "last-login/joe") == 0600);
  CHECK(file_bytes(d / "last-login/joe").empty());
  CHECK(mtime_of(d / "last-login/joe") == 1800000000);
  CHECK(logins.find("joe") == std::optional<std::time_t>(1800000000));
  logins.record("JOE", 1800000100);  // names are table keys: lowercased
  CHECK(logins.find("joe") == std::optional<std::time_t>(1800000100));
  CHECK(list_dir(d / "last-login") == std::vector<std::string>{"joe"});
  CHECK_FALSE(logins.find("ann").has_value());
  logins.record("ivar.holm", 5);
  CHECK(logins.find("ivar.holm") == std::optional<std::time_t>(5));
}

TEST_CASE("last login: symlinks are never followed") {
  TempDir d;
  write_file(d / "target", "keep", 0644);
  ::utimensat(AT_FDCWD, (d / "target").c_str(), nullptr, 0);
  const std::time_t target_time = mtime_of(d / "target");
  create_dir(d / "last-login");
  REQUIRE(::symlink((d / "target").c_str(), (d / "last-login/joe").c_str()) == 0);
  store::LastLogins logins(d / "last-login");
  logins.record("joe", 1000);
  CHECK(mtime_of(d / "target") == target_time);  // the target is untouched
  CHECK(file_bytes(d / "target") == "keep");
  CHECK(logins.find("joe") == std::optional<std::time_t>(1000));  // the link's own time

  // The directory itself a symlink: refused, nothing made at its target.
  create_dir(d / "elsewhere");
  REQUIRE(::symlink((d / "elsewhere").c_str(), (d / "linked").c_str()) == 0);
  store::LastLogins linked(d / "linked");
  CHECK(thrown_by([&] { linked.record("joe", 1000); }).err() == ENOTDIR);
  CHECK(list_dir(d / "elsewhere").empty());
}

TEST_CASE("last login: names that cannot be file names, forget and rename") {
  TempDir d;
  store::LastLogins logins(d / "ll");
  for (const std::string& bad : std::vector<std::string>{"", ".", "..", "a/b", std::string("a\0b", 3)})
    CHECK_MESSAGE(error_of([&] { logins.record(bad, 1); }).find("cannot name a last-login file") !=
          std::string::npos, error_of([&] { logins.record(bad, 1); }));
  CHECK_FALSE(exists(d / "ll/b"));
  logins.record("old", 700);
  logins.record("new", 100);
  logins.rename("old", "new");  // old's time replaces new's
  CHECK_FALSE(logins.find("old").has_value());
  CHECK(logins.find("new") == std::optional<std::time_t>(700));
  logins.rename("nobody", "other");  // nothing to move: fine
  CHECK_FALSE(logins.find("other").has_value());
  logins.forget("new");
  CHECK_FALSE(logins.find("new").has_value());
  logins.forget("new");  // already gone: fine
  store::LastLogins none(d / "missing");
  none.forget("x");
  none.rename("x", "y");
}

TEST_CASE("last login: a directory that cannot be written is an error") {
  if (::geteuid() == 0) return;  // root writes anyway
  TempDir d;
  create_dir(d / "ll", 0500);
  store::LastLogins logins(d / "ll");
  CHECK(thrown_by([&] { logins.record("joe", 1); }).err() == EACCES);
}
