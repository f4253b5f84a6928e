#include "lookup/address.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"
#include "system_fake.h"

using namespace vmm;
using namespace vmm::lookup;
using namespace vmm::login_testing;
using namespace vmm::lookup_testing;
using namespace vmm::testing;
using domain::RecipientStatus;

namespace {

struct World {
  TempDir d;
  std::string etc = d / "etc", home = d / "vmbase";
  FakeUserDb users;
  FakeLookupSystem sys;
  World() {
    write_file(etc + "/qmail-root", d / "qmail");
    write_file(d / "qmail/control/virtualdomains",
               "example.test:vmbase\nroot.test:root\ngone.test:nosuchuser\nlocal.test:vmbase\n");
    write_file(d / "qmail/control/locals", "local.test\n");
    users.add("vmbase", 2001, 2002, home);
    users.add("root", 0, 0, d / "root");
    std::filesystem::create_directories(home);
    fmt::Record old = mailbox("old", "$0$x");
    old.expiry = 1000;
    fmt::Record off = mailbox("off", "$0$x");
    off.mailbox_enabled = false;
    put_accounts(home, {{"joe", mailbox("joe", "$0$joe-pw")},
                        {"sales", alias("sales", {"joe"})},
                        {"old", old},
                        {"off", off},
                        {"empty", alias("empty", {})}});
  }
  AddressAnswer look_up(std::string_view address) {
    return look_up_address(address, domain::Config(etc, ""), users, sys);
  }
  void catch_all() { put_accounts(home, {{"+", alias("+", {"joe"})}}); }
};

std::string temporary_failure(World& w, std::string_view address) {
  try {
    w.look_up(address);
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    return e.what();
  }
  FAIL("no exception");
  return "";
}

}  // namespace

TEST_CASE("look_up_address: an account, read as the base user when root") {
  World w;
  AddressAnswer a = w.look_up("Joe@Example.TEST");
  CHECK(a.status == AddressStatus::accepted);
  CHECK(a.recipient == RecipientStatus::accepted);
  CHECK(a.chosen == "joe");
  CHECK(a.address.base.name == "vmbase");
  CHECK(a.address.account == "joe");
  CHECK(mapping_target(a) == "vmbase+joe");
  CHECK(w.sys.log == std::vector<std::string>{"borrow vmbase 2001 2002 {", "}"});
  // Not root: no borrowing, read with the rights we have.
  World u;
  u.sys.current_uid = 2001;
  CHECK(u.look_up("joe@example.test").status == AddressStatus::accepted);
  CHECK(u.sys.log.empty());
}

TEST_CASE("look_up_address: an alias is accepted, refusals are unknown") {
  World w;
  CHECK(w.look_up("sales@example.test").status == AddressStatus::accepted);
  CHECK(mapping_target(w.look_up("sales@example.test")) == "vmbase+sales");
  struct Case {
    const char* address;
    RecipientStatus why;
  };
  for (const Case& c : {Case{"nobody@example.test", RecipientStatus::unknown},
                        Case{"old@example.test", RecipientStatus::expired},
                        Case{"off@example.test", RecipientStatus::mailbox_disabled},
                        Case{"empty@example.test", RecipientStatus::no_mailbox}}) {
    CAPTURE(c.address);
    AddressAnswer a = w.look_up(c.address);
    CHECK(a.status == AddressStatus::unknown);
    CHECK(a.recipient == c.why);
    CHECK(mapping_target(a) == std::nullopt);
  }
}

TEST_CASE("look_up_address: the catch-all takes every local part, mapped as asked") {
  World w;
  w.catch_all();
  AddressAnswer a = w.look_up("Anything.At-All@example.test");
  CHECK(a.status == AddressStatus::accepted);
  CHECK(a.chosen == "+");
  CHECK(mapping_target(a) == "vmbase+anything.at-all");
  CHECK(w.look_up("old@example.test").status == AddressStatus::unknown);  // expired stays refused
  // A local part that would need quoting is never handed on as an address.
  for (const char* odd : {"a,root@example.test", "\"x\"@example.test", "a(b)@example.test",
                          "a<b>@example.test", "a;b@example.test", "a:b@example.test",
                          "a\\b@example.test", "a[b]@example.test", "a..b@example.test",
                          "a.@example.test"}) {
    CAPTURE(std::string(odd));
    AddressAnswer o = w.look_up(odd);
    CHECK(o.status == AddressStatus::accepted);  // vdeliver would take it
    CHECK(mapping_target(o) == std::nullopt);
  }
  CHECK(mapping_target(w.look_up("o'neil+tag@example.test")) == "vmbase+o'neil+tag");
  CHECK(mapping_target(w.look_up(".a@example.test")) == "vmbase+.a");  // "vmbase+" "." "a"
  CHECK(mapping_target(w.look_up("j\xc3\xb6rg@example.test")) == "vmbase+j\xc3\xb6rg");
}

TEST_CASE("look_up_address: what is not ours, and base users that are no base users") {
  World w;
  for (const char* a : {"joe@local.test", "joe@other.test", "joe", "", "a b@example.test",
                        "../x@example.test"}) {
    CAPTURE(a);
    CHECK(w.look_up(a).status == AddressStatus::not_ours);
  }
  CHECK(w.look_up("joe@gone.test").status == AddressStatus::unknown);
  // uid 0: unknown, and nothing is read as root.
  w.sys.log.clear();
  AddressAnswer a = w.look_up("joe@root.test");
  CHECK(a.status == AddressStatus::unknown);
  CHECK(w.sys.log.empty());
}

TEST_CASE("look_up_address: every failure is temporary, never a record's content") {
  World w;
  store::Table(w.home).update([](const store::TableSnapshot&, store::TableChange& c) {
    c.put_raw("bad", std::string("\x02\x0a", 2));
  });
  CHECK(temporary_failure(w, "bad@example.test") ==
        w.home + "/passwd.cdb: the record of account 'bad' does not decode");
  write_file(w.home + "/passwd.cdb", "garbage");
  CHECK(temporary_failure(w, "joe@example.test").starts_with(w.home + "/passwd.cdb is corrupt"));
  // A control file that cannot be read (a directory) is temporary too.
  std::filesystem::remove(w.d / "qmail/control/locals");
  std::filesystem::create_directories(w.d / "qmail/control/locals");
  CHECK(temporary_failure(w, "joe@example.test").starts_with("unable to read " + w.d.path +
                                                             "/qmail/control/locals"));
}

TEST_CASE("look_up_address: a home without a table has no accounts; no home is temporary") {
  World w;
  std::filesystem::remove(w.home + "/passwd.cdb");
  AddressAnswer a = w.look_up("joe@example.test");
  CHECK(a.status == AddressStatus::unknown);
  CHECK(a.recipient == RecipientStatus::unknown);
  write_file(w.home + "/passwd.cdb", "");  // a table cut short
  CHECK(temporary_failure(w, "joe@example.test") ==
        w.home + "/passwd.cdb is corrupt: 0 bytes, shorter than the 2048-byte header");
  std::filesystem::remove_all(w.home);
  CHECK(temporary_failure(w, "joe@example.test") ==
        "the home directory of base user vmbase, " + w.home + ", is not a directory");
}

TEST_CASE("look_up_address: a failing user database is temporary") {
  World w;
  struct Failing : FakeUserDb {
    std::optional<domain::BaseUser> find(const std::string& name) const override {
      throw Error(ErrorClass::permanent, "unable to look up user " + name);
    }
  } failing;
  try {
    look_up_address("joe@example.test", domain::Config(w.etc, ""), failing, w.sys);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == "unable to look up user vmbase-joe");
  }
}

TEST_CASE("mapping_target: only for accepted answers") {
  AddressAnswer a;
  a.address.base.name = "vmbase";
  a.address.account = "joe";
  a.status = AddressStatus::unknown;
  CHECK(mapping_target(a) == std::nullopt);
  a.status = AddressStatus::not_ours;
  CHECK(mapping_target(a) == std::nullopt);
  a.status = AddressStatus::accepted;
  CHECK(mapping_target(a) == "vmbase+joe");
}
