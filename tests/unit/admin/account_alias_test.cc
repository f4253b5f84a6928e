#include "admin/account_alias.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

namespace {
using Ops = std::vector<std::string>;
}

TEST_CASE("account_alias: VMailMgr 0.97 order, ALIAS DEST...") {
  TempHome t;
  t.put("greta", base_home_testing::mailbox("./users/greta"));
  store::TableSnapshot table = t.table();
  AliasRequest r = alias_request(Ops{"sales", "greta", "orders@partner.example"}, table);
  CHECK(r.alias == "sales");
  CHECK(r.dests == Ops{"greta", "orders@partner.example"});
  CHECK_FALSE(r.howto_order);
  r = alias_request(Ops{"sales", "Greta"}, table);  // sales does not exist: ALIAS DEST
  CHECK(r.alias == "sales");
  CHECK(r.dests == Ops{"Greta"});
  CHECK_FALSE(r.howto_order);
}

TEST_CASE("account_alias: the HOWTO order, USER ALIAS") {
  TempHome t;
  t.put("me", base_home_testing::mailbox("./users/me"));
  t.put("other", base_home_testing::mailbox("./users/other"));
  store::TableSnapshot table = t.table();
  AliasRequest r = alias_request(Ops{"ME", "myself"}, table);
  CHECK(r.alias == "myself");
  CHECK(r.dests == Ops{"me"});
  CHECK(r.howto_order);
  r = alias_request(Ops{"me", "+"}, table);
  CHECK(r.alias == "+");
  CHECK(r.dests == Ops{"me"});
  // the second exists: not an alias to make, so the 0.97 order applies
  r = alias_request(Ops{"me", "other"}, table);
  CHECK(r.alias == "me");
  CHECK_FALSE(r.howto_order);
  // an address is always a destination
  r = alias_request(Ops{"me", "x@y"}, table);
  CHECK(r.alias == "me");
  CHECK(r.dests == Ops{"x@y"});
  // three operands: always the 0.97 order
  r = alias_request(Ops{"me", "a", "b"}, table);
  CHECK(r.alias == "me");
}

TEST_CASE("account_alias: too few operands are a usage error") {
  TempHome t;
  store::TableSnapshot table = t.table();
  CHECK(error_of([&] { alias_request(Ops{}, table); }, ErrorClass::usage) == "missing alias and destination");
  CHECK(error_of([&] { alias_request(Ops{"a"}, table); }, ErrorClass::usage) == "missing destination");
}
