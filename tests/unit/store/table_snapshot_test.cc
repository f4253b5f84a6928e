#include <doctest/doctest.h>

#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "store/table.h"
#include "sys/error.h"
#include "table_testing.h"

using namespace vmm;
using namespace vmm::testing;
using namespace vmm::table_testing;
using Entries = std::vector<std::pair<std::string, std::string>>;

namespace {

Entries all_of(const store::TableSnapshot& t) {
  Entries out;
  t.for_each([&](std::string_view k, std::string_view v) {
    out.emplace_back(k, v);
    return true;
  });
  return out;
}

}  // namespace

TEST_CASE("table_key lowercases ASCII letters only") {
  CHECK(store::table_key("JoE.Smith+X") == "joe.smith+x");
  CHECK(store::table_key("\xC4\xD6Z@") == "\xC4\xD6z@");
  CHECK(store::table_key("") == "");
}

TEST_CASE("a missing table file is an empty table") {
  TempDir dir;
  store::TableSnapshot t(dir / "passwd.cdb");
  CHECK(t.path() == dir / "passwd.cdb");
  CHECK(t.size() == 0);
  CHECK_FALSE(t.contains("joe"));
  CHECK_FALSE(t.find_raw("joe").has_value());
  fmt::Record r;
  std::string problem = "untouched";
  CHECK(t.find("joe", r, &problem) == store::Lookup::missing);
  CHECK(problem == "untouched");
  CHECK(all_of(t).empty());
}

TEST_CASE("an empty file is a corrupt table, not an empty one (temporary, for mail and logins)") {
  TempDir dir;
  write_file(dir / "passwd.cdb", "", 0600);
  CHECK(error_of([&] { store::TableSnapshot t(dir / "passwd.cdb"); }, ErrorClass::temporary) ==
        dir / "passwd.cdb" + " is corrupt: 0 bytes, shorter than the 2048-byte header");
  write_file(dir / "passwd.cdb", std::string(100, '\0'), 0600);
  CHECK(error_of([&] { store::TableSnapshot t(dir / "passwd.cdb"); }, ErrorClass::temporary) ==
        dir / "passwd.cdb" + " is corrupt: 100 bytes, shorter than the 2048-byte header");
  // A writer refuses to build on it and leaves it as it is.
  store::Table table(dir.path, "passwd");
  CHECK(error_of([&] {
          table.update([](const store::TableSnapshot&, store::TableChange& c) { c.put("joe", account("x")); });
        }, ErrorClass::temporary) == dir / "passwd.cdb" + " is corrupt: 100 bytes, shorter than the 2048-byte header");
  CHECK(file_bytes(dir / "passwd.cdb") == std::string(100, '\0'));
}

TEST_CASE("find decodes, lowercases the name and reports bad records with the name") {
  TempDir dir;
  const fmt::Record joe = account("hash-joe", "Joe");
  write_cdb(dir / "passwd.cdb", {{"joe", fmt::encode_record(joe)},
                                 {"empty", ""},
                                 {"weird", "\x07rest"}});
  store::TableSnapshot t(dir / "passwd.cdb");

  fmt::Record got;
  CHECK(t.find("JOE", got) == store::Lookup::found);
  CHECK(got == joe);
  CHECK(t.find_raw("Joe") == std::optional<std::string_view>(fmt::encode_record(joe)));
  CHECK(t.contains("jOe"));
  CHECK_FALSE(t.contains("jo"));

  std::string problem;
  CHECK(t.find("EMPTY", got, &problem) == store::Lookup::bad_record);
  CHECK(problem == "account 'empty': record is empty");
  CHECK(t.find("weird", got, &problem) == store::Lookup::bad_record);
  CHECK(problem == "account 'weird': unknown record version byte 0x07");
  CHECK(t.find("weird", got) == store::Lookup::bad_record);  // problem is optional
  CHECK(t.find_raw("weird") == std::optional<std::string_view>("\x07rest"));
  CHECK(t.find("nobody", got, &problem) == store::Lookup::missing);
}

TEST_CASE("for_each walks file order, skips later duplicates and can stop early") {
  TempDir dir;
  write_cdb(dir / "passwd.cdb", {{"zed", "1"},
                                 {"dup", "first"},
                                 {"amy", "2"},
                                 {"dup", "second"},
                                 {"Upper", "3"},
                                 {"\xE9t\xE9", "4"}});
  store::TableSnapshot t(dir / "passwd.cdb");
  CHECK(all_of(t) == Entries{{"zed", "1"}, {"dup", "first"}, {"amy", "2"},
                             {"Upper", "3"}, {"\xE9t\xE9", "4"}});
  CHECK(t.size() == 5);
  CHECK(t.find_raw("dup") == std::optional<std::string_view>("first"));
  CHECK(t.find_raw("\xE9T\xE9") == std::optional<std::string_view>("4"));
  // A stored key that is not lowercase is not found by name (keys are lowercase).
  CHECK_FALSE(t.contains("upper"));

  std::vector<std::string> seen;
  t.for_each([&](std::string_view k, std::string_view) {
    seen.emplace_back(k);
    return seen.size() < 2;
  });
  CHECK(seen == std::vector<std::string>{"zed", "dup"});
}

TEST_CASE("for_each on a bigger table: every first record once, no duplicate") {
  // Enough keys that many share a bit of the duplicate filter, so both of
  // its answers are exercised.
  TempDir dir;
  Entries records, expected;
  for (int i = 0; i < 3000; ++i) {
    records.emplace_back("k" + std::to_string(i), "v" + std::to_string(i));
    expected.push_back(records.back());
  }
  for (int i = 0; i < 3000; i += 7) records.emplace_back("k" + std::to_string(i), "again");
  write_cdb(dir / "passwd.cdb", records);
  store::TableSnapshot t(dir / "passwd.cdb");
  CHECK(all_of(t) == expected);
  CHECK(t.size() == 3000);
}

TEST_CASE("a snapshot keeps its view when moved and when the file is replaced") {
  TempDir dir;
  write_cdb(dir / "passwd.cdb", {{"old", "1"}});
  store::TableSnapshot first(dir / "passwd.cdb");
  store::TableSnapshot moved(std::move(first));
  write_cdb(dir / "new.cdb", {{"new", "2"}});
  REQUIRE(::rename((dir / "new.cdb").c_str(), (dir / "passwd.cdb").c_str()) == 0);
  CHECK(all_of(moved) == Entries{{"old", "1"}});
  CHECK(all_of(store::TableSnapshot(dir / "passwd.cdb")) == Entries{{"new", "2"}});
}

TEST_CASE("a corrupt table throws a temporary error naming the file") {
  TempDir dir;
  const std::string path = dir / "passwd.cdb";
  SUBCASE("shorter than the header") {
    write_file(path, std::string(100, 'x'), 0600);
    try {
      store::TableSnapshot t(path);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::temporary);
      CHECK(std::string(e.what()) ==
            path + " is corrupt: 100 bytes, shorter than the 2048-byte header");
    }
  }
  SUBCASE("a record running into the hash tables") {
    write_cdb(path, {{"joe", "1"}});
    std::string bytes = file_bytes(path);
    bytes[2048] = '\x7f';  // key length of the first record
    write_file(path, bytes, 0600);
    store::TableSnapshot t(path);  // the header is fine
    try {
      t.size();
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::temporary);
      CHECK(std::string(e.what()) ==
            path + " is corrupt: record at position 2048 runs into the hash tables");
    }
  }
}

TEST_CASE("an unreadable table throws the open error") {
  TempDir dir;
  SUBCASE("a directory") {
    REQUIRE(::mkdir((dir / "passwd.cdb").c_str(), 0700) == 0);
    try {
      store::TableSnapshot t(dir / "passwd.cdb");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      CHECK(std::string(e.what()) == dir / "passwd.cdb" + " is not a regular file");
    }
  }
  SUBCASE("a home that is not a directory") {
    write_file(dir / "home", "", 0600);
    const std::string path = dir / "home/passwd.cdb";
    try {
      store::TableSnapshot t(path);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      CHECK(e.err() == ENOTDIR);
      CHECK(std::string(e.what()) == "unable to open " + path + ": Not a directory");
    }
  }
  SUBCASE("a symlink loop") {
    REQUIRE(::symlink("passwd.cdb", (dir / "passwd.cdb").c_str()) == 0);
    try {
      store::TableSnapshot t(dir / "passwd.cdb");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.err() == ELOOP);
      CHECK(std::string(e.what()) ==
            "unable to open " + dir / "passwd.cdb" + ": Too many levels of symbolic links");
    }
  }
}
