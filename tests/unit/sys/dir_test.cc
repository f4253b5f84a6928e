#include "sys/dir.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm;
using namespace vmm::sys;
using namespace vmm::testing;

namespace {

std::string cwd() {
  char buf[PATH_MAX];
  REQUIRE(::getcwd(buf, sizeof buf) != nullptr);
  return buf;
}

}  // namespace

TEST_CASE("is_directory: directories and links to them only") {
  TempDir s;
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
  TempDir s;
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

TEST_CASE("file_kind: missing, directory or other, with or without following links") {
  TempDir s;
  create_dir(s / "dir");
  write_file(s / "file", "x");
  std::filesystem::create_directory_symlink(s / "dir", s / "link");
  std::filesystem::create_symlink(s / "nowhere", s / "dangling");
  CHECK(file_kind(s / "dir", Links::follow) == FileKind::directory);
  CHECK(file_kind(s / "file", Links::follow) == FileKind::other);
  CHECK(file_kind(s / "link", Links::follow) == FileKind::directory);
  CHECK(file_kind(s / "link", Links::no_follow) == FileKind::other);
  CHECK(file_kind(s / "dangling", Links::follow) == FileKind::missing);
  CHECK(file_kind(s / "dangling", Links::no_follow) == FileKind::other);
  CHECK(file_kind(s / "missing", Links::no_follow) == FileKind::missing);
  CHECK(file_kind(s / "file/below", Links::follow) == FileKind::missing);  // ENOTDIR
  const std::string loop = s / "loop";
  std::filesystem::create_symlink(loop, loop);
  CHECK(error_of([&] { file_kind(loop + "/x", Links::follow); }) ==
        "unable to look at " + loop + "/x: Too many levels of symbolic links");
}

TEST_CASE("make_dir: made, already there, or why not") {
  TempDir s;
  const mode_t old = ::umask(022);
  CHECK(sys::make_dir(s / "d", 0755));
  CHECK(mode_of(s / "d") == 0755);
  CHECK_FALSE(sys::make_dir(s / "d", 0755));
  write_file(s / "f", "x");
  CHECK_FALSE(sys::make_dir(s / "f", 0755));  // EEXIST whatever it is: the caller looks
  ::umask(old);
  CHECK(error_of([&] { sys::make_dir(s / "missing/d", 0755); }) ==
        "unable to create " + s / "missing/d" + ": No such file or directory");
}

TEST_CASE("rename_no_replace: never replaces what is there") {
  TempDir s;
  create_dir(s / "a");
  write_file(s / "a/mail", "hello");
  CHECK(rename_no_replace(s / "a", s / "b"));
  CHECK(file_bytes(s / "b/mail") == "hello");
  CHECK_FALSE(exists(s / "a"));

  create_dir(s / "empty");  // rename(2) alone would replace it
  CHECK_FALSE(rename_no_replace(s / "b", s / "empty"));
  CHECK(exists(s / "b/mail"));
  CHECK(list_dir(s / "empty").empty());

  CHECK(error_of([&] { rename_no_replace(s / "missing", s / "c"); }) ==
        "unable to move " + (s / "missing") + " to " + (s / "c") + ": No such file or directory");
  CHECK(error_of([&] { rename_no_replace(s / "b", s / "b/inside"); }) ==
        "unable to move " + (s / "b") + " to " + (s / "b/inside") + ": Invalid argument");
}

TEST_CASE("remove_empty_dir: only an empty directory goes") {
  TempDir s;
  create_dir(s / "empty");
  create_dir(s / "full");
  write_file(s / "full/x", "x");
  CHECK(remove_empty_dir(s / "empty"));
  CHECK_FALSE(exists(s / "empty"));
  CHECK_FALSE(remove_empty_dir(s / "full"));
  CHECK(file_bytes(s / "full/x") == "x");
  CHECK_FALSE(remove_empty_dir(s / "missing"));
}

TEST_CASE("dir_entries: names and types, symlinks never followed") {
  TempDir s;
  create_dir(s / "d");
  create_dir(s / "d/sub");
  write_file(s / "d/file", "x");
  REQUIRE(::symlink("sub", (s / "d/link").c_str()) == 0);
  std::vector<DirEntry> entries = dir_entries(s / "d");
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].name == "file");
  CHECK(entries[0].type == DirEntry::regular);
  CHECK(entries[1].name == "link");
  CHECK(entries[1].type == DirEntry::other);
  CHECK(entries[2].name == "sub");
  CHECK(entries[2].type == DirEntry::directory);
  CHECK(dir_entries(s / "missing").empty());
  CHECK(error_of([&] { dir_entries(s / "d/file"); }) ==
        "unable to read directory " + (s / "d/file") + ": Not a directory");
}

TEST_CASE("dir_entries_at: an open directory, from its start every time; the fd stays open") {
  TempDir s;
  create_dir(s / "d");
  write_file(s / "d/a", "x");
  write_file(s / "d/b", "y");
  const int fd = ::open((s / "d").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  for (int round = 0; round < 2; ++round) {  // the second listing is as whole as the first
    std::vector<DirEntry> entries = dir_entries_at(fd, "D");
    std::vector<std::string> names;
    for (const DirEntry& e : entries) names.push_back(e.name);
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"a", "b"});
  }
  CHECK(::fcntl(fd, F_GETFD) >= 0);
  ::close(fd);
  const int file = ::open((s / "d/a").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(file >= 0);
  CHECK(error_of([&] { dir_entries_at(file, "D/a"); }) == "unable to read directory D/a: Not a directory");
  ::close(file);
}

TEST_CASE("remove_file, make_symlink, read_symlink: links are never followed") {
  TempDir s;
  write_file(s / "target", "keep");
  make_symlink("target", s / "link");
  CHECK(read_symlink(s / "link") == std::optional<std::string>("target"));
  CHECK(read_symlink(s / "target") == std::nullopt);  // not a link
  CHECK(read_symlink(s / "missing") == std::nullopt);
  const std::string long_target(1000, 'x');
  make_symlink(long_target, s / "long");
  CHECK(read_symlink(s / "long") == std::optional<std::string>(long_target));
  CHECK(error_of([&] { make_symlink("x", s / "link"); }) ==
        "unable to create the symbolic link " + (s / "link") + ": File exists");
  CHECK(remove_file(s / "link"));
  CHECK(file_bytes(s / "target") == "keep");
  CHECK_FALSE(remove_file(s / "link"));
  create_dir(s / "dir");
  CHECK(error_of([&] { remove_file(s / "dir"); }) ==
        "unable to remove " + (s / "dir") + ": Is a directory");
}

TEST_CASE("exchange_paths: a directory and a link trade places") {
  TempDir s;
  create_dir(s / "a");
  write_file(s / "a/mail", "hello");
  make_symlink("a", s / "b");
  CHECK(exchange_paths(s / "a", s / "b"));
  CHECK(file_kind(s / "b", Links::no_follow) == FileKind::directory);
  CHECK(file_bytes(s / "b/mail") == "hello");
  CHECK(read_symlink(s / "a") == std::optional<std::string>("a"));
  CHECK(error_of([&] { exchange_paths(s / "b", s / "missing"); }) ==
        "unable to exchange " + (s / "b") + " and " + (s / "missing") + ": No such file or directory");
}

TEST_CASE("make_owned_dir: a new directory for another user (root)") {
  TempDir s;
  if (::geteuid() == 0) {
    make_owned_dir(s / "home", 0750, 4321, 4322);
    struct stat st;
    REQUIRE(::lstat((s / "home").c_str(), &st) == 0);
    CHECK(st.st_uid == 4321u);
    CHECK(st.st_gid == 4322u);
    CHECK((st.st_mode & 07777) == 0750u);
  } else {
    make_owned_dir(s / "home", 0750, ::geteuid(), ::getegid());
    CHECK(mode_of(s / "home") == 0750);
  }
  CHECK(error_of([&] { make_owned_dir(s / "home", 0750, 1, 1); }) ==
        "unable to create " + (s / "home") + ": File exists");
}

TEST_CASE("directory_of: the directory part of a path") {
  CHECK(vmm::sys::directory_of("/etc/vmailmgr/session-key") == "/etc/vmailmgr");
  CHECK(vmm::sys::directory_of("/session-key") == "/");
  CHECK(vmm::sys::directory_of("session-key") == ".");
  CHECK(vmm::sys::directory_of("home/passwd.cdb") == "home");
}
