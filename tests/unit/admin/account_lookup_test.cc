#include "admin/account_lookup.h"

#include <doctest/doctest.h>

#include "account_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::account_testing::error_of;
using vmm::account_testing::TempDomain;

TEST_CASE("account_lookup: found, missing, broken") {
  TempDomain t;
  fmt::Record joe = account_testing::mailbox("./users/joe");
  t.put("joe", joe);
  t.put_raw("broken", "\x02\x0a");
  store::TableSnapshot table = t.table();
  CHECK(find_account(table, "joe") == joe);
  CHECK(error_of([&] { find_account(table, "ann"); }) == "account 'ann' does not exist");
  std::string msg = error_of([&] { find_account(table, "broken"); });
  CHECK(msg.starts_with("account 'broken': "));
  CHECK(msg.size() > std::string("account 'broken': ").size());
}
