#include "admin/account_add.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

TEST_CASE("account_add: an account gets its Maildir and its record") {
  TempHome t;
  domain::Domain d = t.domain();
  NewAccount joe = plan_account(d, "joe", {}, "$y$hash", 77);
  add_accounts(d, {joe});
  CHECK(t.record("joe") == joe.record);
  CHECK(t.listing() ==
        "passwd.cdb f 600\npasswd.lock f 600\nusers d 755\nusers/joe d 700\n"
        "users/joe/cur d 700\nusers/joe/new d 700\nusers/joe/tmp d 700\n");
}

TEST_CASE("account_add: hash levels are made 0755, plain directories stay empty") {
  TempHome t;
  t.set("user-dir-bits", "4\n");
  t.set("user-dir-slices", "2\n");
  domain::Domain d = t.domain();
  AccountOptions plain;
  plain.mailbox = false;
  plain.directory = "boxes/sales";
  add_accounts(d, {plan_account(d, "kai", {}, "H", 1), plan_account(d, "sales", plain, "*", 1),
                   plan_alias(d, "k", {"kai"}, 1)});
  CHECK(t.listing() ==
        ".vmailmgr d 755\n.vmailmgr/user-dir-bits f 644\n.vmailmgr/user-dir-slices f 644\n"
        "boxes d 755\nboxes/sales d 700\npasswd.cdb f 600\npasswd.lock f 600\n"
        "users d 755\nusers/9 d 755\nusers/9/c d 755\nusers/9/c/kai d 700\n"
        "users/9/c/kai/cur d 700\nusers/9/c/kai/new d 700\nusers/9/c/kai/tmp d 700\n");
  CHECK(t.record("k").forwards == std::vector<std::string>{"kai"});
  CHECK(t.table().size() == 3);
}

TEST_CASE("account_add: an account that appeared meanwhile: nothing added, our directory removed") {
  TempHome t;
  domain::Domain d = t.domain();
  NewAccount joe = plan_account(d, "joe", {}, "H", 1);
  NewAccount ann = plan_account(d, "ann", {}, "H", 1);
  // another writer added ann (elsewhere) after our checks
  t.put("ann", base_home_testing::mailbox("./elsewhere/ann"));
  std::filesystem::create_directories(t / "users/keep");
  const std::string before = t.table_bytes();
  CHECK(error_of([&] { add_accounts(d, {joe, ann}); }) == "account 'ann' already exists");
  CHECK(t.table_bytes() == before);
  CHECK(t.listing() == "passwd.cdb f 600\npasswd.lock f 600\nusers d 755\nusers/keep d 755\n");
}

TEST_CASE("account_add: a directory that cannot be made undoes the ones made before") {
  TempHome t;
  domain::Domain d = t.domain();
  NewAccount joe = plan_account(d, "joe", {}, "H", 1);
  NewAccount old = plan_account(d, "old", {}, "H", 1);
  std::filesystem::create_directories(t / "users/old/new");
  std::ofstream(t / "users/old/new/mail") << "precious";
  CHECK(error_of([&] { add_accounts(d, {joe, old}); }) == "directory " + t / "users/old" + " already exists");
  CHECK(t.listing() == "users d 755\nusers/old d 755\nusers/old/new d 755\nusers/old/new/mail f 644\n");
}

TEST_CASE("account_add: add_with_aliases checks everything before asking for the password") {
  TempHome t;
  domain::Domain d = t.domain();
  t.put("taken", base_home_testing::alias({"x@y"}));
  int asked = 0;
  auto hash = [&] {
    ++asked;
    return std::string("$y$new");
  };
  CHECK(error_of([&] { add_with_aliases(d, plan_account(d, "joe", {}, "", 5), {"j", "taken"}, 5, hash); }) ==
        "account 'taken' already exists");
  CHECK(error_of([&] { add_with_aliases(d, plan_account(d, "joe", {}, "", 5), {"j", "J"}, 5, hash); }) ==
        "account 'j' is given twice");
  CHECK(error_of([&] { add_with_aliases(d, plan_account(d, "joe", {}, "", 5), {"a/b"}, 5, hash); }) ==
        "invalid account name 'a/b': it contains '/'");
  CHECK(asked == 0);
  CHECK(t.table().size() == 1);
  CHECK_FALSE(std::filesystem::exists(t / "users"));

  std::vector<NewAccount> added = add_with_aliases(d, plan_account(d, "Joe", {}, "", 5), {"Jo", "joseph"}, 5, hash);
  CHECK(asked == 1);
  REQUIRE(added.size() == 3);
  CHECK(added[0].name == "joe");
  CHECK(t.record("joe").password == "$y$new");
  CHECK(t.record("jo").forwards == std::vector<std::string>{"joe"});
  CHECK(t.record("joseph").forwards == std::vector<std::string>{"joe"});
  CHECK(alias_added_message(added[1]) == "alias 'jo' successfully added, forwarding to joe");
}

TEST_CASE("account_add: a given hash is kept and nothing is asked") {
  TempHome t;
  domain::Domain d = t.domain();
  bool asked = false;
  add_with_aliases(d, plan_account(d, "joe", {}, "*", 5), {}, 5, [&] {
    asked = true;
    return std::string("x");
  });
  CHECK_FALSE(asked);
  CHECK(t.record("joe").password == "*");
}

TEST_CASE("account_add: a failing password entry leaves everything untouched") {
  TempHome t;
  domain::Domain d = t.domain();
  CHECK(error_of([&] {
          add_with_aliases(d, plan_account(d, "joe", {}, "", 5), {"j"}, 5,
                           []() -> std::string { throw Error(ErrorClass::permanent, "no password given"); });
        }) == "no password given");
  CHECK(t.listing() == "");
}

TEST_CASE("account_add: alias_added_message lists every destination") {
  TempHome t;
  CHECK(alias_added_message(plan_alias(t.domain(), "sales", {"greta", "orders@partner.example"}, 1)) ==
        "alias 'sales' successfully added, forwarding to greta, orders@partner.example");
}
