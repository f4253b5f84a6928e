#include "admin/account_add_users.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

namespace {
// A fast stand-in for hash_password that shows what it was given.
std::string fake_hash(std::string_view password) { return "H(" + std::string(password) + ")"; }
}  // namespace

TEST_CASE("account_add_users: good lines are added, bad ones reported by number") {
  TempHome t;
  t.put("greta", base_home_testing::mailbox("./users/greta"));
  std::filesystem::create_directories(t / "users/stale");
  const std::string input =
      "# new staff\n"
      "Ann  pw-ann  anne annie\n"
      "\n"
      "bad/name pw\n"
      "greta pw\n"
      "bob\n"
      "ann again\n"
      "carl pw-carl ann\n"
      "stale pw\n"
      "dora pw-dora bad:alias\n"
      "  eve\tpw-eve \r\n"
      "   # indented comment\n";
  AddUsersResult r = add_user_lines(t.domain(), input, 1234, fake_hash);
  CHECK(r.problems == std::vector<std::string>{
                          "line 4: invalid account name 'bad/name': it contains '/'",
                          "line 5: account 'greta' already exists",
                          "line 6: no password given for 'bob'",
                          "line 7: account 'ann' is given twice",
                          "line 8: account 'ann' is given twice",
                          "line 9: directory " + t / "users/stale" + " already exists",
                          "line 10: invalid account name 'bad:alias': it contains ':'",
                      });
  std::vector<std::string> names;
  for (const NewAccount& a : r.added) names.push_back(a.name);
  CHECK(names == std::vector<std::string>{"ann", "anne", "annie", "eve"});
  CHECK(t.record("ann").password == "H(pw-ann)");
  CHECK(t.record("ann").directory == "./users/ann");
  CHECK(t.record("ann").ctime == 1234u);
  CHECK(t.record("anne").forwards == std::vector<std::string>{"ann"});
  CHECK(t.record("eve").password == "H(pw-eve)");
  CHECK_FALSE(t.table().contains("carl"));
  CHECK_FALSE(t.table().contains("dora"));
  CHECK(std::filesystem::is_directory(t / "users/eve/new"));
  CHECK_FALSE(std::filesystem::exists(t / "users/carl"));
  CHECK_FALSE(std::filesystem::exists(t / "users/dora"));
  CHECK_FALSE(std::filesystem::exists(t / "users/bob"));
}

TEST_CASE("account_add_users: the batch is one update: a conflict adds nothing") {
  TempHome t;
  domain::Domain d = t.domain();
  // While line 1 is hashed another writer adds "late", which line 2 wants.
  auto racing_hash = [&](std::string_view pw) {
    if (pw == "p1") t.put("late", base_home_testing::alias({"x@y"}));
    return std::string("H");
  };
  CHECK(error_of([&] { add_user_lines(d, "early p1\nlate p2\n", 1, racing_hash); }) ==
        "account 'late' already exists");
  CHECK_FALSE(t.table().contains("early"));
  CHECK_FALSE(std::filesystem::exists(t / "users/early"));
  CHECK_FALSE(std::filesystem::exists(t / "users/late"));
}

TEST_CASE("account_add_users: a temporary failure stops the whole batch") {
  TempHome t;
  auto failing = [](std::string_view pw) -> std::string {
    if (pw == "p2") throw Error(ErrorClass::temporary, "unable to hash password: out of memory");
    return "H";
  };
  CHECK(error_of([&] { add_user_lines(t.domain(), "a p1\nb p2\n", 1, failing); }, ErrorClass::temporary) ==
        "unable to hash password: out of memory");
  CHECK(t.listing() == "");
}

TEST_CASE("account_add_users: a permanent hashing problem is one bad line") {
  TempHome t;
  auto picky = [](std::string_view pw) -> std::string {
    if (pw == "bad") throw Error(ErrorClass::permanent, "unable to hash password: it contains a NUL byte");
    return "H";
  };
  AddUsersResult r = add_user_lines(t.domain(), "a bad\nb good\n", 1, picky);
  CHECK(r.problems == std::vector<std::string>{"line 1: unable to hash password: it contains a NUL byte"});
  CHECK(r.added.size() == 1);
  CHECK(t.table().contains("b"));
}

TEST_CASE("account_add_users: empty input or only bad lines touch nothing") {
  TempHome t;
  AddUsersResult r = add_user_lines(t.domain(), "", 1, fake_hash);
  CHECK(r.problems.empty());
  CHECK(r.added.empty());
  r = add_user_lines(t.domain(), "\n# x\nonlyname\n", 1, fake_hash);
  CHECK(r.problems == std::vector<std::string>{"line 3: no password given for 'onlyname'"});
  CHECK(t.listing() == "");
}
