#include "admin/account_change.h"

#include <doctest/doctest.h>

#include <stdexcept>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

namespace {

using Names = std::vector<std::string>;

AttrChange one(char option, std::string_view value) {
  AttrChange c;
  set_attribute(c, option, value);
  return c;
}

}  // namespace

TEST_CASE("attr: every option parses its value, and 0 is a real 0") {
  CHECK(one('c', "0").msg_count == fmt::Limit(0));
  CHECK(one('c', "500").msg_count == fmt::Limit(500));
  CHECK(one('c', "-").msg_count.value() == fmt::Limit());
  CHECK(one('e', "0").expiry == fmt::Limit(0));
  CHECK(one('e', "1826851480").expiry == fmt::Limit(1826851480));
  CHECK(one('e', "-").expiry.value() == fmt::Limit());
  CHECK(one('q', "0").soft_quota == fmt::Limit(0));
  CHECK(one('Q', "0").hard_quota == fmt::Limit(0));
  CHECK(one('Q', "5242880").hard_quota == fmt::Limit(5242880));
  CHECK(one('z', "0").msg_size == fmt::Limit(0));
  CHECK(one('z', "-").msg_size.value() == fmt::Limit());
  CHECK(one('E', "0").enabled == false);
  CHECK(one('E', "1").enabled == true);
  CHECK(one('p', "Greta Lindqvist (Sales)").personal == "Greta Lindqvist (Sales)");
  CHECK(one('p', "").personal == "");
  CHECK(one('c', "1").count() == 1);
  CHECK(AttrChange().count() == 0);
}

TEST_CASE("attr: bad values are permanent errors naming the attribute") {
  AttrChange c;
  CHECK(error_of([&] { set_attribute(c, 'q', "abc"); }) ==
        "bad soft quota 'abc': not a number (digits, or - for unlimited)");
  CHECK(error_of([&] { set_attribute(c, 'Q', "-5"); }) ==
        "bad hard quota '-5': not a number (digits, or - for unlimited)");
  CHECK(error_of([&] { set_attribute(c, 'z', ""); }) == "bad message size '': empty");
  CHECK(error_of([&] { set_attribute(c, 'c', "1e3"); }) ==
        "bad message count '1e3': not a number (digits, or - for unlimited)");
  CHECK(error_of([&] { set_attribute(c, 'e', "tomorrow"); }) ==
        "bad expiry time 'tomorrow': not a number (digits, or - for unlimited)");
  CHECK(error_of([&] { set_attribute(c, 'E', "2"); }) ==
        "bad mailbox enabled value '2': use 0 or 1");
  CHECK(error_of([&] { set_attribute(c, 'p', "two\nlines"); }) ==
        "bad personal information: it contains a control character");
  CHECK(c.count() == 0);
  CHECK_THROWS_AS(set_attribute(c, 'x', "1"), std::logic_error);
}

TEST_CASE("attr: its edit sets only what was given") {
  fmt::Record r = dated_mailbox("./users/joe");
  r.forwards = {"a@b"};
  fmt::Record before = r;
  AttrChange c;
  c.edit().apply(r);
  CHECK(r == before);
  set_attribute(c, 'Q', "0");
  set_attribute(c, 'E', "0");
  set_attribute(c, 'p', "Joe");
  c.edit().apply(r);
  CHECK(r.hard_quota == fmt::Limit(0));
  CHECK_FALSE(r.mailbox_enabled);
  CHECK(r.personal == "Joe");
  r.hard_quota = before.hard_quota;
  r.mailbox_enabled = true;
  r.personal = "";
  CHECK(r == before);
}

TEST_CASE("attr: several accounts in one update, other fields and records untouched") {
  TempHome h;
  h.copy_fixture_table();
  store::Table table(h.home);
  fmt::Record greta = stored(h, "greta"), kai = stored(h, "kai");
  Names done = change_attributes(table, one('c', "0"), Names{"KAI", "greta", "kai"});
  CHECK(done == Names{"kai", "greta"});
  greta.msg_count = 0;
  kai.msg_count = 0;
  CHECK(stored(h, "greta") == greta);
  CHECK(stored(h, "kai") == kai);
  // Every other record is still the original bytes, in the original order.
  std::string names;
  store::TableSnapshot(h / "passwd.cdb").for_each([&](std::string_view k, std::string_view) {
    names += std::string(k) + " ";
    return true;
  });
  CHECK(names == "mailer-daemon postmaster root greta ivar.holm lena sales + kai ");
  CHECK(store::TableSnapshot(h / "passwd.cdb").find_raw("lena") ==
        store::TableSnapshot(std::string(kFixtureDir) + "/passwd.cdb").find_raw("lena"));
}

TEST_CASE("attr: an unknown or invalid name among several changes nothing") {
  TempHome h;
  h.copy_fixture_table();
  store::Table table(h.home);
  const std::string before = h.table_bytes();
  CHECK(error_of([&] { change_attributes(table, one('E', "0"), Names{"greta", "nobody"}); }) ==
        "account 'nobody' does not exist");
  CHECK(error_of([&] { change_attributes(table, one('E', "0"), Names{"greta", "a:b"}); }) ==
        "invalid account name 'a:b': it contains ':'");
  CHECK(h.table_bytes() == before);
  CHECK(error_of([&] { change_attributes(table, AttrChange(), Names{"greta"}); },
                 ErrorClass::usage) == "no attribute to change (one of -c -e -E -p -q -Q -z)");
  CHECK(error_of([&] { change_attributes(table, one('E', "0"), Names{}); }, ErrorClass::usage) ==
        "missing account name");
  CHECK(h.table_bytes() == before);
}

TEST_CASE("attr: a record that does not decode stops the update") {
  TempHome h;
  write_cdb(h / "passwd.cdb",
            {{"amy", fmt::encode_record(dated_mailbox("./users/amy"))}, {"bad", "\x05junk"}});
  store::Table table(h.home);
  const std::string before = h.table_bytes();
  CHECK(error_of([&] { change_attributes(table, one('z', "10"), Names{"amy", "bad"}); }) ==
        "account 'bad': unknown record version byte 0x05");
  CHECK(h.table_bytes() == before);
}

TEST_CASE("attr: a version-1 record is rewritten in version 2 with the change") {
  TempHome h;
  write_cdb(h / "passwd.cdb", {{"old", raw("\x01pw\0./users/old\0\0\0-\0-\0-\0-\0" "7\0-\0")}});
  store::Table table(h.home);
  change_attributes(table, one('E', "0"), Names{"old"});
  CHECK(*store::TableSnapshot(h / "passwd.cdb").find_raw("old") ==
        raw("\x02\x0a\x01\x08\x00\x00pw\0./users/old\0\0\0-\0-\0-\0-\0" "7\0-\0"));
}
