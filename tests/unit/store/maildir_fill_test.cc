#include "store/maildir_fill.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm::store;
using namespace vmm::testing;

namespace {

struct stat stat_of(const std::string& path) {
  struct stat st;
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st;
}

}  // namespace

TEST_CASE("MaildirFill::add: cur/ names with size and flags, the bytes, the time") {
  TempDir t;
  make_maildir(t / "md");
  MaildirFill fill(t / "md", "host\\072x");
  std::string a = fill.add("Subject: a\n\nhello\n", "RS", 943441535);
  std::string b = fill.add("", "", std::nullopt);
  const std::regex name(R"(.*/md/cur/\d+\.M\d+P\d+Q(\d+)R[0-9a-f]{16}\.host\\072x,S=(\d+):2,([A-Z]*))");
  std::smatch m;
  REQUIRE(std::regex_match(a, m, name));
  CHECK(m[1] == "1");
  CHECK(m[2] == "18");
  CHECK(m[3] == "RS");
  REQUIRE(std::regex_match(b, m, name));
  CHECK(m[1] == "2");
  CHECK(m[2] == "0");
  CHECK(m[3] == "");
  CHECK(stat_of(a).st_atime == 943441535);  // before reading it moves the access time
  CHECK(stat_of(a).st_mtime == 943441535);
  CHECK(file_bytes(a) == "Subject: a\n\nhello\n");
  CHECK(mode_of(a) == 0600);
  CHECK(stat_of(b).st_mtime > 943441535);  // no time given: when it was written
  CHECK(fill.messages() == 2);
  CHECK(fill.bytes() == 18);
  CHECK(list_dir(t / "md/new").empty());
  CHECK(list_dir(t / "md/tmp").empty());
}

TEST_CASE("MaildirFill::copy: the name, bytes and time kept; nothing replaced or followed") {
  TempDir t;
  make_maildir(t / "md");
  write_file(t / "src", "the message\n");
  struct timespec times[2] = {{1000000000, 0}, {1000000001, 0}};
  REQUIRE(::utimensat(AT_FDCWD, (t / "src").c_str(), times, 0) == 0);
  MaildirFill fill(t / "md", "h");
  fill.copy(t / "src", "new", "123.abc.host,S=12");
  CHECK(file_bytes(t / "md/new/123.abc.host,S=12") == "the message\n");
  CHECK(stat_of(t / "md/new/123.abc.host,S=12").st_mtime == 1000000001);
  CHECK(fill.messages() == 1);
  CHECK(fill.bytes() == 12);
  CHECK(error_of([&] { fill.copy(t / "src", "new", "123.abc.host,S=12"); }) ==
        (t / "md/new/123.abc.host,S=12") + " already exists");
  REQUIRE(::symlink((t / "src").c_str(), (t / "link").c_str()) == 0);
  CHECK(error_of([&] { fill.copy(t / "link", "cur", "x"); }) == (t / "link") + " is not a regular file");
  CHECK(error_of([&] { fill.copy(t / "md", "cur", "y"); }) == (t / "md") + " is not a regular file");
  CHECK_FALSE(exists(t / "md/cur/x"));
  CHECK_FALSE(exists(t / "md/cur/y"));
}

TEST_CASE("incomplete markers: made, seen, removed") {
  TempDir t;
  make_maildir(t / "md");
  CHECK_FALSE(has_incomplete_marker(t / "md"));
  CHECK_FALSE(has_incomplete_marker(t / "missing"));
  mark_incomplete(t / "md");
  mark_incomplete(t / "md");  // again: fine
  CHECK(has_incomplete_marker(t / "md"));
  CHECK(mode_of(t / "md/vimport-incomplete") == 0600);
  unmark_incomplete(t / "md");
  unmark_incomplete(t / "md");  // gone already: fine
  CHECK_FALSE(has_incomplete_marker(t / "md"));
  create_dir(t / "md/vimport-incomplete");  // not a file: no marker
  CHECK_FALSE(has_incomplete_marker(t / "md"));
}

TEST_CASE("create_maildir_folder: a Maildir++ folder") {
  TempDir t;
  make_maildir(t / "md");
  create_maildir_folder(t / "md", "Sent");
  create_maildir_folder(t / "md", "Sent");  // again: fine
  CHECK(list_dir(t / "md/.Sent") == std::vector<std::string>{"cur", "maildirfolder", "new", "tmp"});
  CHECK(mode_of(t / "md/.Sent/cur") == 0700);
  write_file(t / "md/.Junk", "a file in the way");
  CHECK(error_of([&] { create_maildir_folder(t / "md", "Junk"); }) ==
        (t / "md/.Junk") + " exists and is not a directory");
}
