#include "admin/account_lookup.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

TEST_CASE("account_lookup: found, missing, broken") {
  TempHome t;
  fmt::Record joe = base_home_testing::mailbox("./users/joe");
  t.put("joe", joe);
  t.put_raw("broken", "\x02\x0a");
  store::TableSnapshot table = t.table();
  CHECK(find_account(table, "joe") == joe);
  CHECK(error_of([&] { find_account(table, "ann"); }) == "account 'ann' does not exist");
  std::string msg = error_of([&] { find_account(table, "broken"); });
  CHECK(msg.starts_with("account 'broken': "));
  CHECK(msg.size() > std::string("account 'broken': ").size());
}
