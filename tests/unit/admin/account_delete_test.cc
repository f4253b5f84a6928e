#include "admin/account_delete.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::alias;
using vmm::base_home_testing::mailbox;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

namespace {

void maildir(const TempHome& t, const std::string& rel) {
  for (const char* sub : {"/cur", "/new", "/tmp"}) std::filesystem::create_directories(t / (rel + sub));
}

}  // namespace

TEST_CASE("account_delete: record and directory go, everything else stays") {
  TempHome t;
  t.put("joe", mailbox("./users/joe"));
  t.put("ann", mailbox("./users/ann"));
  maildir(t, "users/joe");
  maildir(t, "users/ann");
  std::ofstream(t / "users/joe/new/1.M1P1.h") << "mail";
  std::vector<Deleted> out = delete_accounts(t.domain(), {"JOE"}, false);
  REQUIRE(out.size() == 1);
  CHECK(out[0].name == "joe");
  CHECK(out[0].directory == "./users/joe");
  CHECK(out[0].outcome == DirOutcome::removed);
  CHECK_FALSE(t.table().contains("joe"));
  CHECK(t.table().contains("ann"));
  CHECK_FALSE(std::filesystem::exists(t / "users/joe"));
  CHECK(std::filesystem::exists(t / "users/ann/new"));
}

TEST_CASE("account_delete: a symlink planted in the Maildir is removed, its target kept") {
  TempHome t;
  t.put("joe", mailbox("./users/joe"));
  maildir(t, "users/joe");
  std::filesystem::create_directories(t.root + "/outside");
  std::ofstream(t.root + "/outside/precious") << "keep";
  std::filesystem::create_symlink(t.root + "/outside", t / "users/joe/cur/evil");
  std::filesystem::create_symlink(t.root + "/outside/precious", t / "users/joe/new/link");
  CHECK(delete_accounts(t.domain(), {"joe"}, false)[0].outcome == DirOutcome::removed);
  CHECK_FALSE(std::filesystem::exists(t / "users/joe"));
  CHECK(std::filesystem::exists(t.root + "/outside/precious"));
}

TEST_CASE("account_delete: a symlinked account directory is unlinked, not followed") {
  TempHome t;
  t.put("joe", mailbox("./users/joe"));
  std::filesystem::create_directories(t / "users");
  std::filesystem::create_directories(t.root + "/outside/cur");
  std::filesystem::create_symlink(t.root + "/outside", t / "users/joe");
  CHECK(delete_accounts(t.domain(), {"joe"}, false)[0].outcome == DirOutcome::removed);
  CHECK_FALSE(std::filesystem::is_symlink(t / "users/joe"));
  CHECK(std::filesystem::exists(t.root + "/outside/cur"));
}

TEST_CASE("account_delete: unknown names and -D on a mailbox change nothing") {
  TempHome t;
  t.put("joe", mailbox("./users/joe"));
  t.put("sales", alias({"joe"}));
  maildir(t, "users/joe");
  const std::string before = t.table_bytes();
  const std::string files = t.listing();
  CHECK(error_of([&] { delete_accounts(t.domain(), {"sales", "nobody"}, false); }) ==
        "account 'nobody' does not exist");
  CHECK(error_of([&] { delete_accounts(t.domain(), {"sales", "joe"}, true); }) ==
        "account 'joe' has a mailbox (-D deletes only aliases)");
  CHECK(error_of([&] { delete_accounts(t.domain(), {"sales", "a b"}, false); }) ==
        "invalid account name 'a b': it contains a space");
  CHECK(t.table_bytes() == before);
  CHECK(t.listing() == files);
  std::vector<Deleted> out = delete_accounts(t.domain(), {"sales", "Sales"}, true);
  REQUIRE(out.size() == 1);
  CHECK(out[0].outcome == DirOutcome::none);
  CHECK(t.table().size() == 1);
}

TEST_CASE("account_delete: an alias made by VMailMgr 0.97 loses its empty directory") {
  TempHome t;
  fmt::Record sales = alias({"greta"});
  sales.directory = "./users/sales";
  t.put("sales", sales);
  std::filesystem::create_directories(t / "users/sales");
  CHECK(delete_accounts(t.domain(), {"sales"}, true)[0].outcome == DirOutcome::removed);
  CHECK_FALSE(std::filesystem::exists(t / "users/sales"));
  // and a stored directory that is not on disk is simply nothing to remove
  fmt::Record gone = mailbox("users/gone");
  t.put("gone", gone);
  CHECK(delete_accounts(t.domain(), {"gone"}, false)[0].outcome == DirOutcome::none);
}

TEST_CASE("account_delete: directories that are not the account's own are kept") {
  TempHome t;
  std::filesystem::create_directories(t.root + "/elsewhere/x");
  std::filesystem::create_directories(t / "users/shared/cur");
  std::filesystem::create_directories(t / ".vmailmgr");
  t.put("out", mailbox(t.root + "/elsewhere/x"));
  t.put("dots", mailbox("./users/../../elsewhere/x"));
  t.put("home", mailbox("."));
  t.put("all", mailbox("./users"));
  t.put("a", mailbox("./users/shared"));
  t.put("b", mailbox("./users/shared"));
  t.put("parent", mailbox("users/shared/.."));
  t.put("conf", mailbox("./.vmailmgr"));
  t.put("table", mailbox("passwd.cdb"));
  t.put("abs", mailbox(t / "users/shared/cur"));
  const std::string files = t.listing();
  std::vector<Deleted> out =
      delete_accounts(t.domain(), {"out", "dots", "home", "all", "a", "parent", "conf", "table"}, false);
  REQUIRE(out.size() == 8);
  for (const Deleted& d : out) CHECK(d.outcome == DirOutcome::kept);
  CHECK(out[0].reason == "it is outside the home directory");
  CHECK(out[1].reason == "its path contains '..'");
  CHECK(out[2].reason == "it is the home directory");
  CHECK(out[3].reason == "it holds the user directory " + t / "users");
  CHECK(out[4].reason == "it is also the directory of account 'b'");
  CHECK(out[5].reason == "its path contains '..'");
  CHECK(out[6].reason == "it is a file of the domain itself");
  CHECK(out[7].reason == "it is a file of the domain itself");
  CHECK(t.table().size() == 2);
  CHECK(t.listing().find("passwd.cdb") != std::string::npos);
  CHECK(std::filesystem::exists(t / "users/shared/cur"));
  CHECK(std::filesystem::exists(t.root + "/elsewhere/x"));
  // b's directory holds abs's: kept too; abs's own (absolute, inside home) goes.
  out = delete_accounts(t.domain(), {"b"}, false);
  CHECK(out[0].reason == "it holds the directory of account 'abs'");
  out = delete_accounts(t.domain(), {"abs"}, false);
  CHECK(out[0].outcome == DirOutcome::removed);
  CHECK_FALSE(std::filesystem::exists(t / "users/shared/cur"));
  CHECK(std::filesystem::exists(t / "users/shared"));
}

TEST_CASE("account_delete: an undecodable record is deleted, its directory unknown") {
  TempHome t;
  t.put_raw("broken", "\x07garbage");
  std::vector<Deleted> out = delete_accounts(t.domain(), {"broken"}, false);
  CHECK(out[0].outcome == DirOutcome::kept);
  CHECK(out[0].reason == "its record does not decode, so its directory is unknown");
  CHECK(t.table().size() == 0);
  t.put_raw("broken", "\x07garbage");
  CHECK(error_of([&] { delete_accounts(t.domain(), {"broken"}, true); }).starts_with("account 'broken': "));
  CHECK(t.table().size() == 1);
}

TEST_CASE("account_delete: a symlink on the way to the account is the administrator's layout") {
  TempHome t;
  std::filesystem::create_directories(t.root + "/disk/joe/new");
  std::filesystem::create_symlink(t.root + "/disk", t / "users");
  t.put("joe", mailbox("./users/joe"));
  CHECK(delete_accounts(t.domain(), {"joe"}, false)[0].outcome == DirOutcome::removed);
  CHECK_FALSE(std::filesystem::exists(t.root + "/disk/joe"));
  CHECK(std::filesystem::is_symlink(t / "users"));
}

TEST_CASE("account_delete: a directory that cannot be removed is reported, the record is gone") {
  TempHome t;
  t.put("joe", mailbox("./users/joe/x"));
  std::filesystem::create_directories(t / "users");
  std::ofstream(t / "users/joe") << "a file where a directory should be";
  std::vector<Deleted> out = delete_accounts(t.domain(), {"joe"}, false);
  CHECK(out[0].outcome == DirOutcome::failed);
  CHECK(out[0].reason == "unable to open " + t / "users/joe" + ": Not a directory");
  CHECK_FALSE(t.table().contains("joe"));
}
