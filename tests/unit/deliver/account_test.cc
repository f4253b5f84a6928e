#include "deliver/account.h"

#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "../domain/recipient_testing.h"
#include "../testing/files.h"
#include "deliver/refusal.h"
#include "store/table.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::deliver;
using namespace vmm::testing;
using namespace vmm::recipient_testing;

namespace {

Refusal refusal_of(const std::function<void()>& f, std::string& message) {
  try {
    f();
  } catch (const DeliveryRefused& e) {
    message = e.what();
    return e.why();
  }
  FAIL("not refused");
  return Refusal::other;
}

}  // namespace

TEST_CASE("find_recipient: the account asked for, its Maildir made absolute") {
  Site s;
  s.put({{"joe", mailbox("./users/joe")}, {"+", alias({"joe"})}});
  Recipient r = find_recipient(s.domain(), "joe", 1000);
  CHECK(r.name == "joe");
  CHECK(r.maildir == s.home + "/users/joe");
  CHECK(r.record.has_mailbox);
}

TEST_CASE("find_recipient: an unknown name goes to the catch-all") {
  Site s;
  s.put({{"joe", mailbox("./users/joe")}, {"+", alias({"joe", "x@y.example"})}});
  Recipient r = find_recipient(s.domain(), "nobody", 1000);
  CHECK(r.name == "+");
  CHECK(r.maildir == "");
  CHECK(r.record.forwards == std::vector<std::string>{"joe", "x@y.example"});
  write_file(s.home + "/.vmailmgr/default-username", "catchall\n");
  s.put({{"catchall", mailbox("users/catchall")}});
  Recipient c = find_recipient(s.domain(), "nobody", 1000);
  CHECK(c.name == "catchall");
  CHECK(c.maildir == s.home + "/users/catchall");
}

TEST_CASE("find_recipient: neither the name nor a catch-all: no such user") {
  Site s;
  s.put({{"joe", mailbox("./users/joe")}});
  std::string msg;
  CHECK(refusal_of([&] { find_recipient(s.domain(), "nobody", 1000); }, msg) ==
        Refusal::no_such_user);
  CHECK(msg == "no such user 'nobody'");
  // No table at all (a new domain) is an empty table.
  Site empty;
  CHECK(refusal_of([&] { find_recipient(empty.domain(), "joe", 1000); }, msg) ==
        Refusal::no_such_user);
  write_file(s.home + "/.vmailmgr/default-username", "\n");  // catch-all switched off
  s.put({{"+", alias({"joe"})}});
  CHECK(refusal_of([&] { find_recipient(s.domain(), "nobody", 1000); }, msg) ==
        Refusal::no_such_user);
}

TEST_CASE("find_recipient: an expired account is refused, the catch-all is not tried") {
  Site s;
  fmt::Record old = mailbox("./users/old");
  old.expiry = 1000;
  s.put({{"old", old}, {"+", alias({"joe"})}});
  std::string msg;
  CHECK(refusal_of([&] { find_recipient(s.domain(), "old", 1000); }, msg) == Refusal::mailbox_disabled);
  CHECK(msg == "account 'old' has expired");
  CHECK(find_recipient(s.domain(), "old", 999).name == "old");
}

TEST_CASE("find_recipient: no usable mailbox and no forwards is refused, never dropped") {
  Site s;
  fmt::Record off = mailbox("./users/off");
  off.mailbox_enabled = false;
  fmt::Record off_fwd = off;
  off_fwd.forwards = {"x@y.example"};
  fmt::Record nodir = mailbox("");
  s.put({{"none", alias({})}, {"off", off}, {"offfwd", off_fwd}, {"nodir", nodir}});
  std::string msg;
  CHECK(refusal_of([&] { find_recipient(s.domain(), "none", 0); }, msg) == Refusal::mailbox_disabled);
  CHECK(msg == "account 'none' has no mailbox and no forwards");
  CHECK(refusal_of([&] { find_recipient(s.domain(), "off", 0); }, msg) == Refusal::mailbox_disabled);
  CHECK(msg == "account 'off' has its mailbox disabled and no forwards");
  CHECK(refusal_of([&] { find_recipient(s.domain(), "nodir", 0); }, msg) == Refusal::mailbox_disabled);
  CHECK(msg == "account 'nodir' has no mailbox directory and no forwards");
  Recipient r = find_recipient(s.domain(), "offfwd", 0);  // forwards still work
  CHECK(r.maildir == "");
}

TEST_CASE("find_recipient: a broken record or table is temporary") {
  Site s;
  s.domain().table().update([](const store::TableSnapshot&, store::TableChange& c) {
    c.put_raw("bad", std::string("\x02\x0a", 2));
  });
  try {
    find_recipient(s.domain(), "bad", 0);
    FAIL("no exception");
  } catch (const DeliveryRefused&) {
    FAIL("refused");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()).starts_with(s.home + "/passwd.cdb: account 'bad': "));
  }
  write_file(s.home + "/passwd.cdb", "garbage");
  try {
    find_recipient(s.domain(), "joe", 0);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()).starts_with(s.home + "/passwd.cdb is corrupt"));
  }
}
