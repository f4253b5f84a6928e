#include "import/run.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include "../admin/base_home_testing.h"
#include "../testing/errors.h"
#include "store/maildir_fill.h"

using namespace vmm;
using namespace vmm::import;
using vmm::base_home_testing::TempHome;

namespace {

// joe (an mbox of two messages), ann (no mailbox file), sales -> joe.
Source source(const TempHome& h) {
  testing::write_file(h.root + "/spool/joe", "From a 12:00\n\none\n\nFrom b 12:01\nStatus: R\n\ntwo\n");
  Source s;
  SourceEntry joe;
  joe.where = "f:1";
  joe.name = "joe";
  joe.hash = "$1$abc$def";
  joe.mailbox = {Mailbox::mbox, h.root + "/spool/joe"};
  SourceEntry ann = joe;
  ann.where = "f:2";
  ann.name = "ann";
  ann.mailbox.path = h.root + "/spool/ann";
  SourceEntry sales;
  sales.where = "f:3";
  sales.name = "sales";
  sales.alias = true;
  sales.forwards = {"joe"};
  s.entries = {joe, ann, sales};
  return s;
}

RunOptions options(bool dry_run = false) {
  RunOptions o;
  o.dry_run = dry_run;
  o.now = 1700000000;
  o.host = "host";
  return o;
}

std::vector<std::string> names(const TempHome& h) {
  std::vector<std::string> out;
  h.table().for_each([&](std::string_view name, std::string_view) {
    out.emplace_back(name);
    return true;
  });
  return out;
}

}  // namespace

TEST_CASE("run_import: Maildirs filled, one table update, no marker left") {
  TempHome h;
  Outcome o = run_import(h.domain(), source(h), options());
  REQUIRE(o.added.size() == 3);
  CHECK(o.added[0].messages == 2);
  CHECK(o.added[1].messages == 0);
  CHECK(o.added[2].alias);
  CHECK(o.skipped.empty());
  CHECK(names(h) == std::vector<std::string>{"joe", "ann", "sales"});
  CHECK(h.record("joe").password == "$1$abc$def");
  CHECK(testing::list_dir(h / "users/joe/cur").size() == 2);
  CHECK(testing::list_dir(h / "users/joe") == std::vector<std::string>{"cur", "new", "tmp", "vimport-imported"});
  CHECK(testing::file_bytes(h / "users/joe/vimport-imported") == "$1$abc$def\n");
  CHECK(testing::list_dir(h / "users/ann/cur").empty());
  CHECK_FALSE(testing::exists(h / "users/sales"));
}

TEST_CASE("run_import: a second run changes nothing; a dry run changes nothing") {
  TempHome h;
  Outcome dry = run_import(h.domain(), source(h), options(true));
  CHECK(dry.added.size() == 3);
  CHECK(dry.added[0].messages == 2);
  CHECK_FALSE(testing::exists(h / "passwd.cdb"));
  CHECK_FALSE(testing::exists(h / "users"));
  run_import(h.domain(), source(h), options());
  const std::string table = testing::file_bytes(h / "passwd.cdb");
  const std::vector<std::string> mail = testing::list_dir(h / "users/joe/cur");
  Outcome again = run_import(h.domain(), source(h), options());
  CHECK(again.added.empty());
  CHECK(again.skipped.empty());
  REQUIRE(again.done.size() == 3);
  CHECK(again.done[0].name == "joe");
  CHECK(again.done[2].alias);
  CHECK(testing::file_bytes(h / "passwd.cdb") == table);
  CHECK(testing::list_dir(h / "users/joe/cur") == mail);
  // the user logs in (rehashed) and deletes a message: still this import's, and left alone
  fmt::Record joe = h.record("joe");
  joe.password = "$y$j9T$rehashed$at.login";
  h.put("joe", joe);
  REQUIRE(::unlink((h / ("users/joe/cur/" + mail[0])).c_str()) == 0);
  Outcome third = run_import(h.domain(), source(h), options());
  CHECK(third.skipped.empty());
  CHECK(third.done.size() == 3);
  CHECK(testing::list_dir(h / "users/joe/cur").size() == 1);
}

TEST_CASE("run_import: an account there before (not imported) or imported from another password is skipped") {
  TempHome h;
  h.put("joe", base_home_testing::mailbox("./users/joe"));
  testing::create_dir(h / "users", 0755);
  testing::make_maildir(h / "users/joe");
  testing::write_file(h / "users/joe/cur/mine:2,S", "joe's own mail");
  Source s = source(h);
  Outcome o = run_import(h.domain(), s, options());
  REQUIRE(o.skipped.size() == 1);
  CHECK(o.skipped[0].why == "account 'joe' already exists (not made by vimport)");
  CHECK(testing::list_dir(h / "users/joe/cur") == std::vector<std::string>{"mine:2,S"});
  s.entries[1].hash = "$1$new$hash";
  o = run_import(h.domain(), s, options());
  REQUIRE(o.skipped.size() == 2);
  CHECK(o.skipped[1].why == "account 'ann' was imported from another password than the source has now");
  CHECK(h.record("ann").password == "$1$abc$def");
}

TEST_CASE("run_import: an unfinished import's directory is resumed: leftovers go, nothing twice") {
  TempHome h;
  testing::create_dir(h / "users", 0755);
  testing::make_maildir(h / "users/joe");
  testing::write_file(h / "users/joe/cur/half.copied:2,", "x");
  store::mark_incomplete(h / "users/joe");
  Outcome o = run_import(h.domain(), source(h), options());
  CHECK(o.skipped.empty());
  std::vector<std::string> cur = testing::list_dir(h / "users/joe/cur");
  CHECK(cur.size() == 2);
  CHECK(std::find(cur.begin(), cur.end(), "half.copied:2,") == cur.end());
  CHECK_FALSE(store::has_incomplete_marker(h / "users/joe"));
}

TEST_CASE("run_import: a failed table update leaves no directory behind") {
  TempHome h;
  testing::create_dir(h / "passwd.lock");  // the update cannot take its lock
  Source s = source(h);
  CHECK(testing::error_of([&] { run_import(h.domain(), s, options()); }, ErrorClass::permanent)
            .starts_with("unable to open " + (h / "passwd.lock")));
  CHECK(testing::list_dir(h / "users").empty());
  CHECK_FALSE(testing::exists(h / "passwd.cdb"));
}
