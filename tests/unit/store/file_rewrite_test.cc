#include "store/file_rewrite.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using namespace vmm::testing;
using Edit = std::optional<std::string>;

TEST_CASE("rewrite_file: the edit replaces the file whole, mode kept") {
  TempDir d;
  write_file(d / "vd", "a:b\n", 0640);
  std::optional<std::string> seen;
  CHECK(store::rewrite_file(d / "vd", 1000, [&](const Edit& old) {
    seen = old;
    return Edit(*old + "c:d\n");
  }));
  CHECK(seen == Edit("a:b\n"));
  CHECK(file_bytes(d / "vd") == "a:b\nc:d\n");
  CHECK(mode_of(d / "vd") == 0640);
  CHECK(list_dir(d.path) == std::vector<std::string>{"vd"});

  // No change asked, or the same text: nothing written.
  struct stat before, after;
  ::stat((d / "vd").c_str(), &before);
  CHECK_FALSE(store::rewrite_file(d / "vd", 1000, [](const Edit&) { return Edit(); }));
  CHECK_FALSE(store::rewrite_file(d / "vd", 1000, [](const Edit& old) { return old; }));
  ::stat((d / "vd").c_str(), &after);
  CHECK(before.st_ino == after.st_ino);
}

TEST_CASE("rewrite_file: a missing file is made 0644; limits and refusals") {
  TempDir d;
  CHECK(store::rewrite_file(d / "new", 10, [](const Edit& old) {
    CHECK_FALSE(old.has_value());
    return Edit("x\n");
  }));
  CHECK(mode_of(d / "new") == 0644);
  write_file(d / "big", std::string(11, 'x'));
  CHECK(error_of([&] { store::rewrite_file(d / "big", 10, [](const Edit&) { return Edit("y"); }); }) ==
        d / "big is larger than 10 bytes");
  std::filesystem::create_symlink(d / "new", d / "link");
  CHECK(error_of([&] { store::rewrite_file(d / "link", 10, [](const Edit&) { return Edit("y"); }); }) ==
        d / "link is not a regular file; change it by hand");
  CHECK(file_bytes(d / "new") == "x\n");
  // An edit that throws leaves the file and no temporary.
  CHECK_THROWS(store::rewrite_file(d / "new", 10, [](const Edit&) -> Edit { throw Error(ErrorClass::permanent, "no"); }));
  CHECK(list_dir(d.path) == std::vector<std::string>{"big", "link", "new"});
}

TEST_CASE("rewrite_file: the owner and group are kept (root)") {
  if (::geteuid() != 0) return;
  TempDir d;
  write_file(d / "vd", "a\n", 0644);
  REQUIRE(::chown((d / "vd").c_str(), 123, 456) == 0);
  CHECK(store::rewrite_file(d / "vd", 100, [](const Edit&) { return Edit("b\n"); }));
  struct stat st;
  ::stat((d / "vd").c_str(), &st);
  CHECK(st.st_uid == 123u);
  CHECK(st.st_gid == 456u);
  CHECK((st.st_mode & 07777) == 0644u);
}
