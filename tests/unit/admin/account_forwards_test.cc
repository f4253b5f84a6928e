#include "admin/account_forwards.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

namespace {

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("forwards: replaced in the order given, account names lowercased") {
  TempHome h;
  h.copy_fixture_table();
  store::Table table(h.home);
  fmt::Record before = stored(h, "sales");
  fmt::Record r =
      change_forwards(table, "Sales", Names{"Orders@Partner.Example", "GRETA", "kai", "x@"});
  CHECK(r.forwards == Names{"Orders@Partner.Example", "greta", "kai", "x@"});
  CHECK(stored(h, "sales") == r);
  before.forwards = r.forwards;
  CHECK(r == before);  // nothing else changed
}

TEST_CASE("forwards: none clears the list") {
  TempHome h;
  h.copy_fixture_table();
  store::Table table(h.home);
  fmt::Record r = change_forwards(table, "lena", {});
  CHECK(r.forwards.empty());
  CHECK(stored(h, "lena").forwards.empty());
  CHECK(stored(h, "lena").has_mailbox);
}

TEST_CASE("forwards: bad destinations and unknown accounts change nothing") {
  TempHome h;
  h.copy_fixture_table();
  store::Table table(h.home);
  const std::string before = h.table_bytes();
  CHECK(error_of([&] { change_forwards(table, "sales", Names{"greta", "nobody"}); }) ==
        "invalid forward 'nobody': it is neither an address (local@domain) nor an account of "
        "this domain");
  CHECK(error_of([&] { change_forwards(table, "sales", Names{"a@b@c"}); }) ==
        "invalid forward 'a@b@c': it contains more than one '@'");
  CHECK(error_of([&] { change_forwards(table, "sales", Names{"@b"}); }) ==
        "invalid forward '@b': the part before '@' is empty");
  CHECK(error_of([&] { change_forwards(table, "sales", Names{"a b@c"}); }) ==
        "invalid forward 'a b@c': it contains whitespace or a control character");
  CHECK(error_of([&] { change_forwards(table, "sales", Names{"SALES"}); }) ==
        "invalid forward 'SALES': it is the account itself");
  CHECK(error_of([&] { change_forwards(table, "nobody", Names{"a@b"}); }) ==
        "account 'nobody' does not exist");
  CHECK(error_of([&] { change_forwards(table, "no/body", Names{"a@b"}); }) ==
        "invalid account name 'no/body': it contains '/'");
  CHECK(h.table_bytes() == before);
}

TEST_CASE("forwards: a record that does not decode is reported") {
  TempHome h;
  write_cdb(h / "passwd.cdb", {{"bad", "\x05junk"}});
  store::Table table(h.home);
  CHECK(error_of([&] { change_forwards(table, "bad", Names{"a@b"}); }) ==
        "account 'bad': unknown record version byte 0x05");
}
