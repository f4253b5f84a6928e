#include "admin/account_plan.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

TEST_CASE("account_plan: a new account gets the built-in defaults") {
  TempHome t;
  NewAccount a = plan_account(t.domain(), "Joe", AccountOptions{}, "HASH", 1795315480);
  CHECK(a.name == "joe");
  CHECK(a.make == MakeDir::maildir);
  fmt::Record want;
  want.password = "HASH";
  want.directory = "./users/joe";
  want.has_mailbox = true;
  want.mailbox_enabled = true;
  want.ctime = 1795315480;
  CHECK(a.record == want);
}

TEST_CASE("account_plan: default-* settings fill what the options leave unset") {
  TempHome t;
  t.set("default-hardquota", "5242880\n");
  t.set("default-softquota", "4194304\n");
  t.set("default-msgsize", "0\n");
  t.set("default-msgcount", "500\n");
  t.set("default-expiry", "31536000\n");
  NewAccount a = plan_account(t.domain(), "greta", AccountOptions{}, "H", 1795315480);
  CHECK(a.record.hard_quota == 5242880u);
  CHECK(a.record.soft_quota == 4194304u);
  CHECK(a.record.msg_size == 0u);
  CHECK(a.record.msg_count == 500u);
  CHECK(a.record.expiry == 1826851480u);

  AccountOptions o;  // explicit values win, 0 and "-" included
  o.hard_quota = 0;
  o.soft_quota = fmt::Limit{};  // set, to unlimited
  o.msg_size = 7;
  o.msg_count = 0;
  o.expiry = fmt::Limit{};
  a = plan_account(t.domain(), "greta", o, "H", 1795315480);
  CHECK(a.record.hard_quota == 0u);
  CHECK(a.record.soft_quota == std::nullopt);
  CHECK(a.record.msg_size == 7u);
  CHECK(a.record.msg_count == 0u);
  CHECK(a.record.expiry == std::nullopt);
}

TEST_CASE("account_plan: a bad default is reported with its file") {
  TempHome t;
  t.set("default-msgcount", "lots\n");
  CHECK(error_of([&] { plan_account(t.domain(), "x", AccountOptions{}, "H", 1); }) ==
        t / ".vmailmgr/default-msgcount: bad number 'lots'");
}

TEST_CASE("account_plan: options are stored as given") {
  TempHome t;
  AccountOptions o;
  o.forwards = {"lena@home.example", "greta"};
  o.personal = "Greta Lindqvist (Sales)";
  NewAccount a = plan_account(t.domain(), "ivar.holm", o, "H", 5);
  CHECK(a.record.forwards == std::vector<std::string>{"lena@home.example", "greta"});
  CHECK(a.record.personal == "Greta Lindqvist (Sales)");
  CHECK(a.record.directory == "./users/ivar:holm");
  o.personal = "two\nlines";
  CHECK(error_of([&] { plan_account(t.domain(), "x", o, "H", 1); }) ==
        "invalid personal information: it contains a control character");
}

TEST_CASE("account_plan: hashed directories follow the domain's layout") {
  TempHome t;
  t.set("user-dir-bits", "4\n");
  t.set("user-dir-slices", "2\n");
  CHECK(plan_account(t.domain(), "KAI", AccountOptions{}, "H", 1).record.directory == "./users/9/c/kai");
}

TEST_CASE("account_plan: -D makes no directory, -D with -d a plain one") {
  TempHome t;
  AccountOptions o;
  o.mailbox = false;
  NewAccount a = plan_account(t.domain(), "sales", o, "*", 1);
  CHECK(a.record.directory == "");
  CHECK(a.make == MakeDir::none);
  CHECK_FALSE(a.record.has_mailbox);
  o.directory = "boxes/sales";
  a = plan_account(t.domain(), "sales", o, "*", 1);
  CHECK(a.record.directory == "./boxes/sales");
  CHECK(a.make == MakeDir::plain);
  o.mailbox = true;
  o.directory = "/srv/mail/sales";
  a = plan_account(t.domain(), "sales", o, "*", 1);
  CHECK(a.record.directory == "/srv/mail/sales");
  CHECK(a.make == MakeDir::maildir);
}

TEST_CASE("account_plan: stored_directory") {
  CHECK(stored_directory("users/x", "/h") == "./users/x");
  CHECK(stored_directory("./users/x", "/h") == "./users/x");
  CHECK(stored_directory("/abs/x", "/h") == "/abs/x");
  CHECK(stored_directory("x/", "/h") == "./x/");
  CHECK(error_of([] { stored_directory("", "/h"); }) == "invalid directory '': it names no directory below the home");
  CHECK(error_of([] { stored_directory("./.", "/h"); }) == "invalid directory './.': it names no directory below the home");
  CHECK(error_of([] { stored_directory("/", "/h"); }) == "invalid directory '/': it names no directory below the home");
  CHECK(error_of([] { stored_directory("users/../../etc", "/h"); }) == "invalid directory 'users/../../etc': it contains '..'");
  CHECK(error_of([] { stored_directory("a\nb", "/h"); }) == "invalid directory 'a\nb': it contains a control character");
  // Never the home itself or the settings, however written.
  CHECK(error_of([] { stored_directory("/h", "/h"); }) == "invalid directory '/h': it is the base home itself");
  CHECK(error_of([] { stored_directory("/h/", "/h"); }) == "invalid directory '/h/': it is the base home itself");
  CHECK(error_of([] { stored_directory(".vmailmgr", "/h"); }) ==
        "invalid directory '.vmailmgr': it is the domain's settings directory .vmailmgr");
  CHECK(error_of([] { stored_directory("./.vmailmgr/x", "/h"); }) ==
        "invalid directory './.vmailmgr/x': it is the domain's settings directory .vmailmgr");
  CHECK(error_of([] { stored_directory("/h/.vmailmgr/", "/h"); }) ==
        "invalid directory '/h/.vmailmgr/': it is the domain's settings directory .vmailmgr");
  CHECK(stored_directory(".vmailmgr-old", "/h") == "./.vmailmgr-old");
  CHECK(stored_directory("/hx", "/h") == "/hx");
}

TEST_CASE("account_plan: names are validated and lowercased") {
  TempHome t;
  CHECK(error_of([&] { plan_account(t.domain(), "a b", AccountOptions{}, "H", 1); }) ==
        "invalid account name 'a b': it contains a space");
  CHECK(error_of([&] { plan_alias(t.domain(), ".hidden", {"x@y"}, 1); }) ==
        "invalid account name '.hidden': it starts with '.'");
  CHECK(plan_alias(t.domain(), "Sales", {"Greta"}, 1).name == "sales");
}

TEST_CASE("account_plan: an alias has no mailbox, no password, no directory") {
  TempHome t;
  t.set("default-hardquota", "100\n");
  NewAccount a = plan_alias(t.domain(), "sales", {"greta", "orders@partner.example"}, 42);
  fmt::Record want;
  want.password = "*";
  want.forwards = {"greta", "orders@partner.example"};
  want.has_mailbox = false;
  want.hard_quota = 100;
  want.ctime = 42;
  CHECK(a.record == want);
  CHECK(a.make == MakeDir::none);
}

TEST_CASE("account_plan: check_new_account refuses what cannot be added") {
  TempHome t;
  t.put("greta", base_home_testing::mailbox("./users/greta"));
  std::filesystem::create_directories(t / "users/old");
  domain::Domain d = t.domain();
  store::TableSnapshot table = t.table();
  Plan plan;

  CHECK(error_of([&] { check_new_account(d, table, plan_account(d, "GRETA", {}, "H", 1), plan); }) ==
        "account 'greta' already exists");
  CHECK(error_of([&] { check_new_account(d, table, plan_account(d, "old", {}, "H", 1), plan); }) ==
        "directory " + t / "users/old" + " already exists");
  CHECK(error_of([&] { check_new_account(d, table, plan_alias(d, "a", {"nobody"}, 1), plan); }) ==
        "invalid forward 'nobody': it is neither an address (local@domain) nor an account of this domain");
  CHECK(error_of([&] { check_new_account(d, table, plan_alias(d, "a", {"x@@y"}, 1), plan); }) ==
        "invalid forward 'x@@y': it contains more than one '@'");

  NewAccount joe = plan_account(d, "joe", {}, "H", 1);
  check_new_account(d, table, joe, plan);
  plan.add(d, joe);
  CHECK(error_of([&] { check_new_account(d, table, plan_account(d, "Joe", {}, "H", 1), plan); }) ==
        "account 'joe' is given twice");
  AccountOptions same_dir;
  same_dir.directory = "users/joe";
  CHECK(error_of([&] { check_new_account(d, table, plan_account(d, "joe2", same_dir, "H", 1), plan); }) ==
        "directory " + t / "users/joe" + " is given twice");
  // A forward may name an account planned earlier in the same run, and greta.
  check_new_account(d, table, plan_alias(d, "j", {"JOE", "greta", "x@y"}, 1), plan);
  plan.truncate(0);
  CHECK(plan.size() == 0);
  CHECK_FALSE(plan.has_name("joe"));
  CHECK_FALSE(plan.has_directory(t / "users/joe"));
  CHECK(error_of([&] { check_new_account(d, table, plan_alias(d, "j", {"joe"}, 1), plan); }) ==
        "invalid forward 'joe': it is neither an address (local@domain) nor an account of this domain");
}
