#include "courier/enumerate.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "courier_testing.h"
#include "store/table.h"

using namespace vmm::courier_testing;
using vmm::courier::enumerate_accounts;

namespace {

std::string line(const World& w, const std::string& account, const std::string& domain) {
  const std::string dir = w.home + "/users/" + account;
  return account + "@" + domain + "\t2001\t2002\t" + dir + "\t" + dir + "\t\n";
}

using Log = std::vector<std::string>;

}  // namespace

TEST_CASE("enumerate: every account with a mailbox of every domain, then '.'") {
  World w;
  // Domains in byte order (alias.example before example.com), accounts too;
  // disabled and expired accounts have mail as well. Not listed: aliases,
  // ".wild.example", local.example (in locals), rootdom.test, gone.test.
  CHECK(enumerate_accounts(w.sys, w.users, w.global()) ==
        line(w, "dora", "alias.example") + line(w, "eve", "alias.example") +
            line(w, "joe", "alias.example") + line(w, "old", "alias.example") +
            line(w, "dora", "example.com") + line(w, "eve", "example.com") +
            line(w, "joe", "example.com") + line(w, "old", "example.com") + ".\n");
  CHECK(w.sys.lines("warn") == Log{"warn domain gone.test: base user nobody does not exist",
                                   "warn domain rootdom.test: base user root has uid 0"});
  // As root, each domain's table is read as its base user.
  CHECK(w.sys.lines("borrow") == Log(2, "borrow vmbase {"));
}

TEST_CASE("enumerate: a broken record or an unlistable account is skipped with a warning") {
  World w;
  write_file(w.qmail + "/control/virtualdomains", "example.com:vmbase\n");
  vmm::fmt::Record hashy = mailbox("hashy", joe_hash());
  hashy.directory = "./users/#hashy";
  put_accounts(w.home, {{"hashy", hashy}});
  vmm::store::Table(w.home).update([](const auto&, vmm::store::TableChange& change) {
    change.put("zz", mailbox("zz", "x"));
    change.put_raw("broken", std::string(1, '\x02'));  // a version byte and nothing else
  });
  const std::string listing = enumerate_accounts(w.sys, w.users, w.global());
  CHECK(listing == line(w, "dora", "example.com") + line(w, "eve", "example.com") +
                       line(w, "joe", "example.com") + line(w, "old", "example.com") +
                       line(w, "zz", "example.com") + ".\n");
  CHECK(w.sys.lines("warn") ==
        Log{"warn " + w.home + "/passwd.cdb: account 'broken': record is truncated in field flags",
            "warn domain example.com: account field holds a control byte or '#'"});
}

TEST_CASE("enumerate: an unreadable table skips its domain; an unreadable control file throws") {
  World w;
  std::filesystem::remove(w.home + "/passwd.cdb");
  std::filesystem::create_directory(w.home + "/passwd.cdb");
  CHECK(enumerate_accounts(w.sys, w.users, w.global()) == ".\n");
  CHECK(w.sys.lines("warn").size() == 4);  // alias.example, example.com, gone.test, rootdom.test

  World c;
  std::filesystem::remove(c.qmail + "/control/virtualdomains");
  std::filesystem::create_directory(c.qmail + "/control/virtualdomains");
  CHECK_THROWS(enumerate_accounts(c.sys, c.users, c.global()));
}

TEST_CASE("enumerate: as the base user itself, no borrowing; no domains, just '.'") {
  World w;
  w.sys.current_uid = 2001;
  write_file(w.qmail + "/control/virtualdomains", "example.com:vmbase\n");
  CHECK(enumerate_accounts(w.sys, w.users, w.global()).ends_with(line(w, "old", "example.com") +
                                                                  ".\n"));
  CHECK(w.sys.lines("borrow").empty());
  std::filesystem::remove(w.qmail + "/control/virtualdomains");
  CHECK(enumerate_accounts(w.sys, w.users, w.global()) == ".\n");
}
