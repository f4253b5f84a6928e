#include "import/plan.h"

#include <doctest/doctest.h>

#include "../admin/base_home_testing.h"
#include "store/maildir_fill.h"

using namespace vmm;
using namespace vmm::import;
using vmm::base_home_testing::TempHome;

namespace {

SourceEntry account(const std::string& name, const std::string& hash = "$1$abc$def") {
  SourceEntry e;
  e.where = "f:" + name;
  e.name = name;
  e.hash = hash;
  return e;
}

SourceEntry alias(const std::string& name, std::vector<std::string> forwards) {
  SourceEntry e;
  e.where = "f:" + name;
  e.name = name;
  e.alias = true;
  e.forwards = std::move(forwards);
  return e;
}

std::string skipped(const Plan& p) {
  std::string out;
  for (const Skipped& s : p.skipped) out += s.where + "|" + s.name + "|" + s.why + "\n";
  return out;
}

std::vector<std::string> names(const Plan& p) {
  std::vector<std::string> out;
  for (const PlannedAccount& a : p.accounts) out.push_back(a.name);
  return out;
}

}  // namespace

TEST_CASE("make_plan: records as the source has them: hash kept, its limits, nothing else limited") {
  TempHome h;
  Source s;
  SourceEntry joe = account("Joe");
  joe.personal = "Joe Doe";
  joe.hard_quota = 5000000;
  joe.msg_count = 100;
  joe.forwards = {"joe@home.example"};
  joe.warnings = {"from the source"};
  s.entries.push_back(joe);
  s.entries.push_back(alias("sales", {"joe", "ann@x.example"}));
  SourceEntry all = alias("ignored", {"joe"});
  all.catch_all = true;
  s.entries.push_back(all);
  s.problems.push_back({"f:9", "bad", "a source problem"});
  Plan p = make_plan(h.domain(), h.table(), s, 1700000000);
  REQUIRE(names(p) == std::vector<std::string>{"joe", "sales", "+"});
  const fmt::Record& r = p.accounts[0].record;
  CHECK(r.password == "$1$abc$def");
  CHECK(r.directory == "./users/joe");
  CHECK(r.has_mailbox);
  CHECK(r.mailbox_enabled);
  CHECK(r.personal == "Joe Doe");
  CHECK(r.hard_quota == 5000000);
  CHECK(r.msg_count == 100);
  CHECK_FALSE(r.soft_quota);
  CHECK_FALSE(r.msg_size);
  CHECK_FALSE(r.expiry);
  CHECK(r.ctime == 1700000000);
  CHECK(r.forwards == std::vector<std::string>{"joe@home.example"});
  CHECK(p.accounts[0].warnings == std::vector<std::string>{"from the source"});
  const fmt::Record& a = p.accounts[1].record;
  CHECK(a.password == "*");
  CHECK_FALSE(a.has_mailbox);
  CHECK(a.directory == "");
  CHECK(a.forwards == std::vector<std::string>{"joe", "ann@x.example"});
  CHECK(p.accounts[2].record.forwards == std::vector<std::string>{"joe"});
  CHECK(skipped(p) == "f:9|bad|a source problem\n");
}

TEST_CASE("make_plan: the domain's default limits are not applied, its catch-all name is") {
  TempHome h;
  h.set("default-hardquota", "1000\n");
  h.set("default-expiry", "100\n");
  h.set("default-username", "catchall\n");
  Source s;
  s.entries.push_back(account("joe"));
  SourceEntry all = alias("", {"joe"});
  all.catch_all = true;
  s.entries.push_back(all);
  Plan p = make_plan(h.domain(), h.table(), s, 1700000000);
  REQUIRE(names(p) == std::vector<std::string>{"joe", "catchall"});
  CHECK_FALSE(p.accounts[0].record.hard_quota);
  CHECK_FALSE(p.accounts[0].record.expiry);
}

TEST_CASE("make_plan: names, repeats, existing accounts, hashes, personal information") {
  TempHome h;
  h.put("old", base_home_testing::mailbox("./users/old"));  // an existing account
  Source s;
  s.entries.push_back(account("Bad Name"));
  s.entries.push_back(account("joe"));
  s.entries.push_back(account("JOE"));
  s.entries.push_back(account("old"));
  s.entries.push_back(account("locked", "x"));
  s.entries.push_back(account("empty", ""));
  s.entries.push_back(account("blank", "has blank"));
  SourceEntry odd = account("odd");
  odd.personal = "bell\a";
  s.entries.push_back(odd);
  s.entries.push_back(alias("nowhere", {}));
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(names(p) == std::vector<std::string>{"joe", "locked", "empty", "odd"});
  CHECK(p.accounts[1].record.password == "*");
  CHECK(p.accounts[1].warnings ==
        std::vector<std::string>{"the source has no password for it: it comes in locked (set one with vpasswd)"});
  CHECK(p.accounts[3].record.personal == "");
  CHECK(p.accounts[3].warnings ==
        std::vector<std::string>{"its personal information holds control characters: left out"});
  CHECK(skipped(p) ==
        "f:Bad Name|Bad Name|invalid account name 'Bad Name': it contains a space\n"
        "f:JOE|JOE|the name is given twice (first at f:joe)\n"
        "f:old|old|account 'old' already exists (not made by vimport)\n"
        "f:blank|blank|its password hash is not printable ASCII without blanks\n"
        "f:nowhere|nowhere|it forwards nowhere\n");
}

TEST_CASE("make_plan: forwards must reach accounts that are there or come now, cascading") {
  TempHome h;
  h.put("old", base_home_testing::mailbox("./users/old"));
  Source s;
  s.entries.push_back(alias("a", {"b"}));            // b comes later: fine
  s.entries.push_back(account("b"));
  s.entries.push_back(alias("c", {"old"}));          // in the table: fine
  s.entries.push_back(alias("d", {"gone"}));         // nowhere
  s.entries.push_back(alias("e", {"d"}));            // d is dropped, so e is too
  s.entries.push_back(alias("f", {"not an address"}));
  s.entries.push_back(alias("g", {"x@@y"}));
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(names(p) == std::vector<std::string>{"a", "b", "c"});
  CHECK(skipped(p) ==
        "f:d|d|it forwards to 'gone', which is neither an account here nor imported\n"
        "f:e|e|it forwards to 'd', which is neither an account here nor imported\n"
        "f:f|f|invalid forward 'not an address': it is not a valid account name\n"
        "f:g|g|invalid forward 'x@@y': it contains more than one '@'\n");
}

TEST_CASE("make_plan: skipped lines in the order of the source's files and lines") {
  TempHome h;
  Source s;
  SourceEntry b = account("Bad Name");
  b.where = "passwd:3";
  s.entries.push_back(b);
  SourceEntry g = alias("ghost", {"nobody"});
  g.where = "aliases:4";
  s.entries.push_back(g);
  s.problems.push_back({"passwd:10", "x", "late in passwd"});
  s.problems.push_back({"aliases:2", "y", "early in aliases"});
  s.problems.push_back({".qmail-list", "list", "no line number"});
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(skipped(p) ==
        "passwd:3|Bad Name|invalid account name 'Bad Name': it contains a space\n"
        "passwd:10|x|late in passwd\n"
        "aliases:2|y|early in aliases\n"
        "aliases:4|ghost|it forwards to 'nobody', which is neither an account here nor imported\n"
        ".qmail-list|list|no line number\n");
}

TEST_CASE("make_plan: directories: an existing one is never taken, an unfinished import's is") {
  TempHome h;
  testing::make_maildir(h / "users");
  testing::create_dir(h / "users/taken");
  testing::create_dir(h / "users/resumed");
  store::mark_incomplete(h / "users/resumed");
  Source s;
  s.entries.push_back(account("taken"));
  s.entries.push_back(account("resumed"));
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  REQUIRE(names(p) == std::vector<std::string>{"resumed"});
  CHECK(p.accounts[0].resume);
  CHECK(skipped(p) == "f:taken|taken|directory " + (h / "users/taken") + " already exists\n");
}

TEST_CASE("make_plan: an existing account whose directory is still marked is cleaned up") {
  TempHome h;
  fmt::Record r;
  r.password = "x";
  r.has_mailbox = true;
  r.directory = "./users/joe";
  h.put("joe", r);
  testing::create_dir(h / "users");
  testing::make_maildir(h / "users/joe");
  store::mark_incomplete(h / "users/joe");
  store::write_import_record(h / "users/joe", "$1$abc$def");
  Source s;
  s.entries.push_back(account("joe"));
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(p.accounts.empty());
  CHECK(p.skipped.empty());
  REQUIRE(p.done.size() == 1);
  CHECK(p.done[0].name == "joe");
  CHECK(p.finished == std::vector<std::string>{h / "users/joe"});
}

TEST_CASE("make_plan: names in the table: this import's own are done, anything else is skipped with why") {
  TempHome h;
  testing::create_dir(h / "users");
  auto imported = [&](const std::string& name, const std::string& stored, const std::string& recorded) {
    fmt::Record r = base_home_testing::mailbox("./users/" + name);
    r.password = stored;
    h.put(name, r);
    testing::make_maildir(h / ("users/" + name));
    store::write_import_record(h / ("users/" + name), recorded);
  };
  imported("same", "$1$abc$def", "$1$abc$def");
  imported("rehashed", "$y$j9T$new$hash", "$1$abc$def");  // the user logged in since
  imported("locked", "*", "*");
  imported("changed", "$1$abc$def", "$1$abc$def");        // the source's password changed since
  h.put("made", base_home_testing::mailbox("./users/made"));  // by vadduser: no record
  testing::make_maildir(h / "users/made");
  fmt::Record list;
  list.password = "*";
  list.forwards = {"same", "x@y.example"};
  h.put("list", list);
  h.put("other", list);
  Source s;
  for (const char* n : {"same", "rehashed", "made"}) s.entries.push_back(account(n));
  s.entries.push_back(account("locked", "x"));
  s.entries.push_back(account("changed", "$1$xyz$uvw"));
  s.entries.push_back(alias("list", {"same", "x@y.example"}));
  s.entries.push_back(alias("other", {"same"}));
  s.entries.push_back(alias("same", {"list"}));
  s.entries.push_back(account("list"));
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(p.accounts.empty());
  std::string done;
  for (const Done& d : p.done) done += d.name + (d.alias ? " (alias)" : "") + "\n";
  CHECK(done == "same\nrehashed\nlocked\nlist (alias)\n");
  CHECK(skipped(p) ==
        "f:same|same|the name is given twice (first at f:same)\n"
        "f:made|made|account 'made' already exists (not made by vimport)\n"
        "f:changed|changed|account 'changed' was imported from another password than the source has now\n"
        "f:list|list|the name is given twice (first at f:list)\n"
        "f:other|other|alias 'other' already exists with other forwards\n");
  CHECK(p.finished.empty());
}

TEST_CASE("make_plan: an account imported from a plain-text password is recognised by it") {
  TempHome h;
  testing::create_dir(h / "users");
  const std::string hash = "$5$saltsalt$0IyaXrmV7.sGNS6tirgqHLqX/G.FBvgkYA.lpPdS5sA";  // "secret"
  fmt::Record r = base_home_testing::mailbox("./users/tea");
  r.password = hash;
  h.put("tea", r);
  testing::make_maildir(h / "users/tea");
  store::write_import_record(h / "users/tea", hash);
  Source s;
  SourceEntry tea = account("tea", "$y$j9T$another$hash");  // hashed again by this run's reading
  tea.clear = "secret";
  s.entries.push_back(tea);
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(p.done.size() == 1);
  s.entries[0].clear = "other";
  p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(skipped(p) == "f:tea|tea|account 'tea' was imported from another password than the source has now\n");
}

TEST_CASE("make_plan: mailboxes that cannot be read skip their account") {
  TempHome h;
  testing::write_file(h.root + "/spool/good", "From a 12:00\n\nhi\n");
  testing::write_file(h.root + "/spool/junk", "not an mbox\n");
  testing::create_dir(h.root + "/spool/dir");
  testing::write_file(h.root + "/spool/notmaildir", "x");
  Source s;
  for (const char* n : {"good", "junk", "dir", "missing"}) {
    SourceEntry e = account(n);
    e.mailbox = {Mailbox::mbox, h.root + "/spool/" + n};
    s.entries.push_back(e);
  }
  SourceEntry md = account("md");
  md.mailbox = {Mailbox::maildir, h.root + "/spool/notmaildir"};
  s.entries.push_back(md);
  Plan p = make_plan(h.domain(), h.table(), s, 1);
  CHECK(names(p) == std::vector<std::string>{"good", "missing"});
  CHECK(skipped(p) == "f:junk|junk|its mailbox cannot be read: " + h.root +
                          "/spool/junk: it does not start with a \"From \" line (line 1)\n"
                          "f:dir|dir|its mailbox cannot be read: " + h.root + "/spool/dir is a directory, not an mbox\n"
                          "f:md|md|its mailbox cannot be read: " + h.root +
                          "/spool/notmaildir is not a Maildir (not a directory)\n");
}

TEST_CASE("mbox_problem: a missing mailbox is an empty one") {
  TempHome h;
  CHECK(mbox_problem(h.root + "/none") == "");
  testing::write_file(h.root + "/empty", "");
  CHECK(mbox_problem(h.root + "/empty") == "");
  testing::write_file(h.root + "/secret", "From a 12:00\n\n", 0);
  if (::geteuid() != 0)
    CHECK(mbox_problem(h.root + "/secret") == "unable to open " + h.root + "/secret: Permission denied");
}
