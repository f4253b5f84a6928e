#include "sys/remove_tree.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::sys::remove_tree;
using namespace vmm::testing;
namespace fs = std::filesystem;

TEST_CASE("remove_tree: removes a Maildir with its messages") {
  TempDir t;
  fs::create_directories(t / "users/joe/cur");
  fs::create_directories(t / "users/joe/new");
  fs::create_directories(t / "users/joe/tmp");
  write_file(t / "users/joe/new/1.M1P1.host", "mail");
  write_file(t / "users/joe/maildirsize", "0S\n");
  CHECK(remove_tree(t.path, "./users/joe") == true);
  CHECK_FALSE(exists(t / "users/joe"));
  CHECK(exists(t / "users"));
}

TEST_CASE("remove_tree: a symlink inside the tree is unlinked, its target survives") {
  TempDir t;
  fs::create_directories(t / "outside/keep");
  write_file(t / "outside/keep/precious", "data");
  fs::create_directories(t / "users/joe/cur");
  fs::create_symlink(t / "outside", t / "users/joe/cur/evil");
  fs::create_symlink(t / "outside/keep/precious", t / "users/joe/file-link");
  CHECK(remove_tree(t.path, "users/joe"));
  CHECK_FALSE(exists(t / "users/joe"));
  CHECK(exists(t / "outside/keep/precious"));
  std::ifstream in(t / "outside/keep/precious");
  std::string text;
  in >> text;
  CHECK(text == "data");
}

TEST_CASE("remove_tree: a symlinked directory itself is unlinked, not followed") {
  TempDir t;
  fs::create_directories(t / "outside/cur");
  write_file(t / "outside/cur/msg", "x");
  fs::create_directories(t / "users");
  fs::create_symlink(t / "outside", t / "users/joe");
  CHECK(remove_tree(t.path, "users/joe"));
  CHECK_FALSE(exists(t / "users/joe"));
  CHECK(exists(t / "outside/cur/msg"));
}

TEST_CASE("remove_tree: a symlink on the way is refused") {
  TempDir t;
  fs::create_directories(t / "outside/joe/cur");
  fs::create_symlink(t / "outside", t / "users");
  CHECK(error_of([&] { remove_tree(t.path, "users/joe"); }) ==
        "unable to remove " + t.path + "/users/...: " + t.path +
            "/users is a symbolic link or not a directory");
  CHECK(exists(t / "outside/joe/cur"));
}

TEST_CASE("remove_tree: a file on the way is refused") {
  TempDir t;
  write_file(t / "users", "not a directory");
  CHECK(error_of([&] { remove_tree(t.path, "users/joe"); }) ==
        "unable to remove " + t.path + "/users/...: " + t.path +
            "/users is a symbolic link or not a directory");
}

TEST_CASE("remove_tree: paths leaving the root are refused") {
  TempDir t;
  fs::create_directories(t / "users/joe");
  CHECK(error_of([&] { remove_tree(t.path, "users/../users/joe"); }) ==
        "unable to remove " + t.path + ": the path contains '..'");
  CHECK(error_of([&] { remove_tree(t.path, "/etc"); }) ==
        "unable to remove " + t.path + "//etc: not a relative path");
  CHECK(error_of([&] { remove_tree(t.path, "./."); }) ==
        "unable to remove " + t.path + ": the path names the top directory itself");
  CHECK(error_of([&] { remove_tree(t.path, ""); }) ==
        "unable to remove " + t.path + ": the path names the top directory itself");
  CHECK(exists(t / "users/joe"));
}

TEST_CASE("remove_tree: a missing path removes nothing and says so") {
  TempDir t;
  CHECK(remove_tree(t.path, "users/joe") == false);
  CHECK(remove_tree(t / "missing", "joe") == false);
  CHECK(remove_tree(t / "missing/joe") == false);
  fs::create_directories(t / "users");
  CHECK(remove_tree(t.path, "users/joe") == false);
  CHECK(exists(t / "users"));
}

TEST_CASE("remove_tree: plain files and fifos are unlinked") {
  TempDir t;
  write_file(t / "file", "x");
  CHECK(remove_tree(t.path, "file"));
  CHECK_FALSE(exists(t / "file"));
  fs::create_directories(t / "d");
  REQUIRE(::mkfifo((t / "d/fifo").c_str(), 0600) == 0);
  CHECK(remove_tree(t.path, "d"));
  CHECK_FALSE(exists(t / "d"));
}

TEST_CASE("remove_tree: the whole-path form never follows the last component") {
  TempDir t;
  fs::create_directories(t / "outside/x");
  fs::create_symlink(t / "outside", t / "link");
  CHECK(remove_tree(t / "link/"));
  CHECK_FALSE(exists(t / "link"));
  CHECK(exists(t / "outside/x"));
  fs::create_directories(t / "a/b/c");
  CHECK(remove_tree(t / "a"));
  CHECK_FALSE(exists(t / "a"));
  CHECK(error_of([] { remove_tree("/"); }) == "unable to remove /: the path names the top directory itself");
}

TEST_CASE("remove_tree: absurd nesting is refused, not followed forever") {
  TempDir t;
  std::string rel = "deep";
  for (int i = 0; i < 70; ++i) rel += "/d";
  fs::create_directories(t / rel);
  std::string msg = error_of([&] { remove_tree(t.path, "deep"); });
  CHECK(msg.starts_with("unable to remove " + t.path + "/deep/d/d/"));
  CHECK(msg.ends_with(": nested too deeply"));
}

TEST_CASE("remove_tree: an unreadable directory is an error naming it") {
  if (::geteuid() == 0) return;  // root reads everything
  TempDir t;
  fs::create_directories(t / "users/joe/cur");
  ::chmod((t / "users/joe").c_str(), 0);
  std::string msg = error_of([&] { remove_tree(t.path, "users/joe"); });
  CHECK(msg == "unable to open directory " + t.path + "/users/joe: Permission denied");
  ::chmod((t / "users/joe").c_str(), 0700);
}
