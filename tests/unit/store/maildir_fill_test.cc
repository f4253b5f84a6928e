#include "store/maildir_fill.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>


#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm::store;
using namespace vmm::testing;

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

struct stat stat_of(const std::string& path) {
  struct stat st;
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st;
}

}  // namespace

TEST_CASE("import_message_name: mailbox time, position, size, flags") {
  FillMessage m{7, 943441535, "Subject: a\n\nhello\n", "RS", std::nullopt};
  CHECK(import_message_name(m, "host\\072x") == "943441535.I0000000007.host\\072x,S=18:2,RS");
  m.number = 12345678901;
  m.flags = "";
  CHECK(import_message_name(m, "h") == "943441535.I12345678901.h,S=18:2,");
}

TEST_CASE("MaildirFill::add: cur/ names as import_message_name makes them, the bytes, the time") {
  TempDir t;
  make_maildir(t / "md");
  MaildirFill fill(t / "md", "h");
  fill.add({1, 100, "Subject: a\n\nhello\n", "RS", 943441535});
  fill.add({2, 100, "", "", std::nullopt});
  fill.finish();
  const std::string a = t / "md/cur/" + import_message_name({1, 100, "Subject: a\n\nhello\n", "RS", {}}, "h");
  const std::string b = t / "md/cur/" + import_message_name({2, 100, "", "", {}}, "h");
  CHECK(list_dir(t / "md/cur").size() == 2);
  CHECK(stat_of(a).st_atime == 943441535);  // before reading it moves the access time
  CHECK(stat_of(a).st_mtime == 943441535);
  CHECK(file_bytes(a) == "Subject: a\n\nhello\n");
  CHECK(mode_of(a) == 0600);
  CHECK(stat_of(b).st_mtime > 943441535);  // no time given: when it was written
  CHECK(file_bytes(b) == "");
  CHECK(fill.messages() == 2);
  CHECK(fill.bytes() == 18);
  CHECK(list_dir(t / "md/new").empty());
  CHECK(list_dir(t / "md/tmp").empty());
}

TEST_CASE("MaildirFill::add past kWrittenInPlace: written behind, every file exact; storage taken over") {
  TempDir t;
  make_maildir(t / "md");
  const int count = static_cast<int>(kWrittenInPlace) * 3;
  auto text = [](int i) { return "Subject: " + std::to_string(i) + "\n\n" + std::string(static_cast<std::size_t>(i) * 97, 'x') + "\n"; };
  std::vector<std::string> names;
  {
    MaildirFill fill(t / "md", "h");
    std::string storage;
    for (int i = 1; i <= count; ++i) {
      storage = text(i);
      FillMessage m{static_cast<std::uint64_t>(i), 50, storage, "S", 1000 + i, &storage};
      names.push_back(import_message_name(m, "h"));
      fill.add(m);
    }
    fill.finish();
    CHECK(fill.messages() == static_cast<std::uint64_t>(count));
  }
  CHECK(list_dir(t / "md/cur") == sorted(names));
  for (int i = 1; i <= count; ++i) {
    CAPTURE(i);
    const std::string path = t / "md/cur/" + names[static_cast<std::size_t>(i - 1)];
    CHECK(stat_of(path).st_mtime == 1000 + i);
    CHECK(mode_of(path) == 0600);
    CHECK(file_bytes(path) == text(i));
  }
  // Resuming over all of it keeps every file as it is.
  const ino_t last = stat_of(t / "md/cur/" + names.back()).st_ino;
  MaildirFill again(t / "md", "h", FillMode::resume);
  for (int i = 1; i <= count; ++i) again.add({static_cast<std::uint64_t>(i), 50, text(i), "S", 1000 + i});
  again.finish();
  CHECK(list_dir(t / "md/cur").size() == names.size());
  CHECK(stat_of(t / "md/cur/" + names.back()).st_ino == last);
}

TEST_CASE("MaildirFill: a fresh fill never replaces a file") {
  TempDir t;
  make_maildir(t / "md");
  const std::string name = import_message_name({1, 1, "new\n", "", {}}, "h");
  write_file(t / "md/cur/" + name, "someone's mail\n");
  MaildirFill fill(t / "md", "h");
  CHECK(error_of([&] { fill.add({1, 1, "new\n", "", std::nullopt}); }) == (t / "md/cur/" + name) + " already exists");
  CHECK(file_bytes(t / "md/cur/" + name) == "someone's mail\n");
}

TEST_CASE("MaildirFill: resuming keeps what an earlier run wrote right, rewrites the rest, removes leftovers") {
  TempDir t;
  make_maildir(t / "md");
  FillMessage one{1, 9, "first\n", "S", 1000}, two{2, 9, "second\n", "", 2000}, three{3, 9, "third\n", "", {}};
  {
    MaildirFill fill(t / "md", "h");
    fill.add(one);
    fill.add(two);
    fill.finish();
  }
  const std::string n1 = import_message_name(one, "h"), n2 = import_message_name(two, "h"),
                    n3 = import_message_name(three, "h");
  const std::string p1 = t / "md/cur/" + n1, p2 = t / "md/cur/" + n2, p3 = t / "md/cur/" + n3;
  const ino_t kept = stat_of(p1).st_ino;
  write_file(p2, "seco");  // cut short by a crash: same name, other bytes
  write_file(t / "md/cur/half:2,", "an old name");
  write_file(t / "md/tmp/x", "tmp");
  create_maildir_folder(t / "md", "Old");
  write_file(t / "md/.Old/cur/y", "folder leftover");
  MaildirFill fill(t / "md", "h", FillMode::resume);
  fill.add(one);
  fill.add(two);
  fill.add(three);
  fill.finish();
  CHECK(list_dir(t / "md/cur") == sorted({n1, n2, n3}));
  CHECK(stat_of(p1).st_ino == kept);  // kept, not written again
  CHECK(file_bytes(p2) == "second\n");
  CHECK(stat_of(p2).st_mtime == 2000);
  CHECK(file_bytes(p3) == "third\n");
  CHECK(list_dir(t / "md/tmp").empty());
  CHECK(list_dir(t / "md/.Old/cur").empty());
  CHECK(fill.messages() == 3);
}

TEST_CASE("MaildirFill::copy resuming: the same bytes kept, other bytes replaced") {
  TempDir t;
  make_maildir(t / "md");
  write_file(t / "a", "message a\n");
  write_file(t / "b", "message b\n");
  write_file(t / "md/new/a", "message a\n");
  write_file(t / "md/new/b", "mess");
  write_file(t / "md/new/c", "gone source");
  MaildirFill fill(t / "md", "h", FillMode::resume);
  fill.copy(t / "a", "new", "a");
  fill.copy(t / "b", "new", "b");
  fill.finish();
  CHECK(list_dir(t / "md/new") == std::vector<std::string>{"a", "b"});
  CHECK(file_bytes(t / "md/new/b") == "message b\n");
}

TEST_CASE("import records: written, read back; anything odd is none") {
  TempDir t;
  make_maildir(t / "md");
  CHECK_FALSE(read_import_record(t / "md").has_value());
  write_import_record(t / "md", "$1$salt$hash");
  CHECK(file_bytes(t / "md/vimport-imported") == "$1$salt$hash\n");
  CHECK(mode_of(t / "md/vimport-imported") == 0600);
  CHECK(read_import_record(t / "md") == "$1$salt$hash");
  write_file(t / "md/vimport-imported", "two\nlines\n");
  CHECK_FALSE(read_import_record(t / "md").has_value());
  write_file(t / "md/vimport-imported", "no newline");
  CHECK_FALSE(read_import_record(t / "md").has_value());
  CHECK_FALSE(read_import_record(t / "missing").has_value());
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
