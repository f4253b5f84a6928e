#include "store/maildir_create.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../testing/errors.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using namespace vmm::store;
using vmm::testing::error_of;
namespace fs = std::filesystem;

namespace {

// A testing::TempDir with the umask 022 while it lives, so what the
// functions make has the modes kind() is checked against.
struct TempDir022 : vmm::testing::TempDir {
  mode_t old_umask = ::umask(022);
  ~TempDir022() { ::umask(old_umask); }
};

// "d 755" for a directory, "f 644" for a file, "l" for a symlink, "-" for nothing.
std::string kind(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return "-";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%o", st.st_mode & 07777);
  if (S_ISLNK(st.st_mode)) return "l";
  return std::string(S_ISDIR(st.st_mode) ? "d " : "f ") + mode;
}

}  // namespace

TEST_CASE("maildir_create: parents are made 0755, the path itself is not") {
  TempDir022 t;
  create_parents(t / "users/9/c/kai");
  CHECK(kind(t / "users") == "d 755");
  CHECK(kind(t / "users/9") == "d 755");
  CHECK(kind(t / "users/9/c") == "d 755");
  CHECK(kind(t / "users/9/c/kai") == "-");
  create_parents(t / "users/9/c/kai");  // again: existing levels are fine
  create_parents(t / "users//a/./b/");   // doubled and '.' components
  CHECK(kind(t / "users/a") == "d 755");
  CHECK(kind(t / "users/a/b") == "-");
}

TEST_CASE("maildir_create: relative parents and a symlinked level") {
  TempDir022 t;
  fs::create_directories(t / "disk");
  fs::create_symlink(t / "disk", t / "users");
  auto cwd = fs::current_path();
  fs::current_path(t.path);
  create_parents("./users/9/joe");
  create_parents("top/joe");
  create_parents("joe");  // no parent to make
  fs::current_path(cwd);
  CHECK(kind(t / "users") == "l");
  CHECK(kind(t / "disk/9") == "d 755");
  CHECK(kind(t / "top") == "d 755");
  CHECK(kind(t / "joe") == "-");
}

TEST_CASE("maildir_create: a file in the way of a level is an error") {
  TempDir022 t;
  std::ofstream(t / "users") << "x";
  CHECK(error_of([&] { create_parents(t / "users/joe"); }) ==
        t / "users" + " exists and is not a directory");
}

TEST_CASE("maildir_create: a level is made once, 0755") {
  TempDir022 t;
  CHECK(create_level(t / "users") == true);
  CHECK(kind(t / "users") == "d 755");
  CHECK(create_level(t / "users") == false);
  std::ofstream(t / "file") << "x";
  CHECK(error_of([&] { create_level(t / "file"); }) == t / "file" + " exists and is not a directory");
  try {
    create_level(t / "missing/users");
    FAIL("no error");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()) ==
          "unable to create directory " + t / "missing/users" + ": No such file or directory");
  }
}

TEST_CASE("maildir_create: a Maildir is 0700 with cur new tmp") {
  TempDir022 t;
  fs::create_directories(t / "users");
  create_maildir(t / "users/joe");
  CHECK(kind(t / "users/joe") == "d 700");
  CHECK(kind(t / "users/joe/cur") == "d 700");
  CHECK(kind(t / "users/joe/new") == "d 700");
  CHECK(kind(t / "users/joe/tmp") == "d 700");
  int n = 0;
  for (auto& e : fs::directory_iterator(t / "users/joe")) n += e.is_directory() ? 1 : 100;
  CHECK(n == 3);
}

TEST_CASE("maildir_create: an existing directory is never taken over") {
  TempDir022 t;
  fs::create_directories(t / "users/joe/new");
  std::ofstream(t / "users/joe/new/old-mail") << "x";
  CHECK(error_of([&] { create_maildir(t / "users/joe"); }) ==
        "directory " + t / "users/joe" + " already exists");
  CHECK(kind(t / "users/joe/new/old-mail") == "f 644");
  CHECK(kind(t / "users/joe/cur") == "-");
  CHECK(error_of([&] { create_account_dir(t / "users/joe"); }) ==
        "directory " + t / "users/joe" + " already exists");
  std::ofstream(t / "users/file") << "x";
  CHECK(error_of([&] { create_account_dir(t / "users/file"); }) ==
        "directory " + t / "users/file" + " already exists");
}

TEST_CASE("maildir_create: a plain account directory has nothing inside") {
  TempDir022 t;
  create_account_dir(t / "sales");
  CHECK(kind(t / "sales") == "d 700");
  CHECK(fs::is_empty(t / "sales"));
}

TEST_CASE("maildir_create: a missing parent is an error naming the directory") {
  TempDir022 t;
  try {
    create_maildir(t / "missing/joe");
    FAIL("no error");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()) ==
          "unable to create directory " + t / "missing/joe" + ": No such file or directory");
  }
}

TEST_CASE("maildir_create: a failure inside the Maildir removes what was made") {
  TempDir022 t;
  // A directory whose own path fits PATH_MAX but whose "cur" does not: mkdir
  // of the account directory works, the first sub-directory fails.
  std::string dir = t.path;
  while (dir.size() + 251 < 4093) {
    dir += "/" + std::string(250, 'd');
    REQUIRE(::mkdir(dir.c_str(), 0755) == 0);
  }
  std::string parent = dir;
  dir += "/" + std::string(4093 - dir.size() - 1, 'j');
  REQUIRE(dir.size() == 4093);
  try {
    create_maildir(dir);
    FAIL("no error");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()).ends_with("/cur: File name too long"));
  }
  CHECK(fs::is_empty(parent));
}

TEST_CASE("NewDirs: a few Maildirs and plain directories, fsynced one by one") {
  TempDir022 t;
  NewDirs dirs;
  dirs.create_maildir(t / "users/9/c/kai");
  dirs.create_account_dir(t / "users/sales");
  dirs.sync();
  CHECK(kind(t / "users/9/c") == "d 755");
  CHECK(kind(t / "users/9/c/kai") == "d 700");
  CHECK(kind(t / "users/9/c/kai/new") == "d 700");
  CHECK(kind(t / "users/sales") == "d 700");
  CHECK(fs::is_empty(t / "users/sales"));
}

TEST_CASE("NewDirs: a batch beyond kFsyncEach, levels shared, one sync") {
  TempDir022 t;
  NewDirs dirs;
  constexpr int n = NewDirs::kFsyncEach * 3;
  for (int i = 0; i < n; ++i) dirs.create_maildir(t / ("users/" + std::to_string(i % 4) + "/a" + std::to_string(i)));
  dirs.sync();
  int made = 0;
  for (int level = 0; level < 4; ++level) {
    CHECK(kind(t / ("users/" + std::to_string(level))) == "d 755");
    for (auto& e : fs::directory_iterator(t / ("users/" + std::to_string(level)))) {
      made += 1;
      CHECK(kind(e.path().string() + "/cur") == "d 700");
      CHECK(kind(e.path().string() + "/new") == "d 700");
      CHECK(kind(e.path().string() + "/tmp") == "d 700");
    }
  }
  CHECK(made == n);
}

TEST_CASE("NewDirs: the errors of create_maildir, and nothing half made") {
  TempDir022 t;
  fs::create_directories(t / "users/joe/new");
  std::ofstream(t / "top") << "x";
  NewDirs dirs;
  dirs.create_maildir(t / "users/ann");
  CHECK(error_of([&] { dirs.create_maildir(t / "users/joe"); }) ==
        "directory " + t / "users/joe" + " already exists");
  CHECK(kind(t / "users/joe/cur") == "-");
  CHECK(error_of([&] { dirs.create_maildir(t / "top/kai"); }) == t / "top" + " exists and is not a directory");
  CHECK(error_of([&] { dirs.create_account_dir(t / "users/ann"); }) ==
        "directory " + t / "users/ann" + " already exists");
  dirs.sync();
  CHECK(kind(t / "users/ann/tmp") == "d 700");
}

TEST_CASE("NewDirs: sync_all syncs the file systems even for one directory, and with none") {
  TempDir022 t;
  NewDirs none;
  none.sync_all();  // nothing made: nothing to do
  NewDirs dirs;
  dirs.create_maildir(t / "users/kai");
  std::ofstream(t / "users/kai/cur/1.x:2,") << "mail";
  dirs.sync_all();
  CHECK(kind(t / "users/kai/cur") == "d 700");
}
