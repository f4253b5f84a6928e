#include "domain/login_verdict.h"

#include <doctest/doctest.h>

#include <string>

#include "../testing/temp_dir.h"
#include "domain/password.h"
#include "login_testing.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::domain;
using namespace vmm::login_testing;
using namespace vmm::testing;
namespace store = vmm::store;

namespace {

constexpr std::time_t kNow = 1800000000;

// One domain with an account in every state.
struct TestDomain {
  TempDir dir;
  TestDomain() {
    vmm::fmt::Record disabled = mailbox("dora", "$0$dora-pw");
    disabled.mailbox_enabled = false;
    vmm::fmt::Record expired = mailbox("eve", "$0$eve-pw");
    expired.expiry = kNow;  // expiry <= now: expired
    vmm::fmt::Record later = mailbox("fay", "$0$fay-pw");
    later.expiry = kNow + 1;
    vmm::fmt::Record no_dir = mailbox("nod", "$0$nod-pw");
    no_dir.directory.clear();
    vmm::fmt::Record real_alias = alias("sales", {"greta"});
    real_alias.password = "$0$sales-pw";  // an alias with a password still has no mailbox
    put_accounts(dir.path, {{"greta", mailbox("greta", kMd5CryptHash)},
                            {"plain", mailbox("plain", "$0$")},
                            {"dora", disabled},
                            {"eve", expired},
                            {"fay", later},
                            {"nod", no_dir},
                            {"+", alias("+", {"greta"})},
                            {"sales", real_alias},
                            {"locked", mailbox("locked", "!$0$x")}});
  }
  store::TableSnapshot table() const { return store::Table(dir.path).read(); }
};

}  // namespace

TEST_CASE("check_virtual: password first, then the account's state") {
  TestDomain d;
  const store::TableSnapshot table = d.table();
  struct Case {
    const char* account;
    const char* password;
    Verdict verdict;
  } cases[] = {
      {"greta", kMd5CryptPassword, Verdict::ok},
      {"GRETA", kMd5CryptPassword, Verdict::ok},  // names are looked up lowercased
      {"greta", "kestrel.moss-42", Verdict::wrong_password},
      {"greta", "", Verdict::wrong_password},
      {"plain", "", Verdict::wrong_password},  // "$0$" + empty password: never
      {"nobody", "whatever", Verdict::unknown},
      {"dora", "dora-pw", Verdict::disabled},
      {"dora", "wrong", Verdict::wrong_password},  // the state is not told without the password
      {"eve", "eve-pw", Verdict::expired},
      {"eve", "wrong", Verdict::wrong_password},
      {"fay", "fay-pw", Verdict::ok},
      {"nod", "nod-pw", Verdict::no_mailbox},
      {"+", "*", Verdict::wrong_password},  // '*' never verifies
      {"sales", "sales-pw", Verdict::no_mailbox},
      {"locked", "x", Verdict::wrong_password},
  };
  for (const Case& c : cases) {
    CAPTURE(c.account);
    CAPTURE(c.password);
    AccountVerdict v = check_virtual(table, c.account, Secret{c.password, true}, kNow);
    CHECK(v.verdict == c.verdict);
  }
  AccountVerdict greta = check_virtual(table, "greta", Secret{kMd5CryptPassword, true}, kNow);
  CHECK(greta.record.password == kMd5CryptHash);
  CHECK(greta.record.directory == "./users/greta");
}

TEST_CASE("check_virtual: a lookup without password checks only the state") {
  TestDomain d;
  const store::TableSnapshot table = d.table();
  const Secret lookup{"", false};
  CHECK(check_virtual(table, "greta", lookup, kNow).verdict == Verdict::ok);
  CHECK(check_virtual(table, "nobody", lookup, kNow).verdict == Verdict::unknown);
  CHECK(check_virtual(table, "+", lookup, kNow).verdict == Verdict::no_mailbox);
  CHECK(check_virtual(table, "dora", lookup, kNow).verdict == Verdict::disabled);
  CHECK(check_virtual(table, "eve", lookup, kNow).verdict == Verdict::expired);
}

TEST_CASE("check_virtual: a missing table is empty; a corrupt record is temporary") {
  TempDir empty;
  CHECK(check_virtual(store::Table(empty.path).read(), "joe", Secret{"pw", true}, kNow).verdict ==
        Verdict::unknown);
  TempDir bad;
  store::Table table(bad.path);
  table.update([](const store::TableSnapshot&, store::TableChange& change) {
    change.put_raw("joe", std::string("\x02\x0a\x01", 3));  // cut short
  });
  try {
    check_virtual(table.read(), "joe", Secret{"pw", true}, kNow);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    const std::string msg = e.what();
    CHECK(msg.rfind(bad.path + "/passwd.cdb: account 'joe': ", 0) == 0);
  }
}

TEST_CASE("check_system: shadow hash, system-logins, lookups") {
  FakeUserDb users;
  users.add("bob", 1001, 1001, "/home/bob", std::string("$0$bob-pw"));
  users.add("nohash", 1002, 1002, "/home/nohash");
  users.add("locked", 1003, 1003, "/home/locked", std::string("!"));
  CHECK(check_system(users, "bob", Secret{"bob-pw", true}, true) == Verdict::ok);
  CHECK(check_system(users, "bob", Secret{"wrong", true}, true) == Verdict::wrong_password);
  CHECK(check_system(users, "bob", Secret{"", true}, true) == Verdict::wrong_password);
  CHECK(check_system(users, "bob", Secret{"bob-pw", true}, false) == Verdict::system_refused);
  CHECK(check_system(users, "nohash", Secret{"x", true}, true) == Verdict::wrong_password);
  CHECK(check_system(users, "locked", Secret{"x", true}, true) == Verdict::wrong_password);
  CHECK(check_system(users, "bob", Secret{"", false}, true) == Verdict::ok);
  CHECK(check_system(users, "bob", Secret{"", false}, false) == Verdict::system_refused);
}

TEST_CASE("describe: one message per verdict") {
  CHECK(describe(Verdict::ok) == "ok");
  CHECK(describe(Verdict::unknown) == "unknown user");
  CHECK(describe(Verdict::wrong_password) == "wrong password");
  CHECK(describe(Verdict::no_mailbox) == "account has no mailbox");
  CHECK(describe(Verdict::disabled) == "mailbox is disabled");
  CHECK(describe(Verdict::expired) == "account has expired");
  CHECK(describe(Verdict::system_refused) == "system-user logins are disabled");
}
