#include "domain/recipient.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "../testing/files.h"
#include "recipient_testing.h"
#include "store/table.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::domain;
using namespace vmm::testing;
using namespace vmm::recipient_testing;

namespace {

struct CheckSite : Site {
  RecipientCheck check(const std::string& name, std::time_t now = 1000) {
    return check_recipient(domain(), name, now);
  }
};

}  // namespace

TEST_CASE("check_recipient: the account asked for, lowercased, its Maildir absolute") {
  CheckSite s;
  s.put({{"joe", mailbox("./users/joe")}, {"+", alias({"joe"})}});
  RecipientCheck c = s.check("Joe");
  CHECK(c.status == RecipientStatus::accepted);
  CHECK(c.name == "Joe");
  CHECK(c.maildir == s.home + "/users/joe");
  CHECK(c.record.directory == "./users/joe");
  CHECK(c.problem == "");
}

TEST_CASE("check_recipient: an alias takes mail through its forwards") {
  CheckSite s;
  s.put({{"sales", alias({"joe", "x@y.example"})}});
  RecipientCheck c = s.check("sales");
  CHECK(c.status == RecipientStatus::accepted);
  CHECK(c.maildir == "");
  CHECK(c.record.forwards == std::vector<std::string>{"joe", "x@y.example"});
}

TEST_CASE("check_recipient: an unknown name goes to the catch-all of default-username") {
  CheckSite s;
  s.put({{"joe", mailbox("users/joe")}, {"+", alias({"joe"})}});
  RecipientCheck c = s.check("nobody");
  CHECK(c.status == RecipientStatus::accepted);
  CHECK(c.name == "+");
  write_file(s.home + "/.vmailmgr/default-username", "catchall\n");
  CHECK(s.check("nobody").status == RecipientStatus::unknown);  // no account "catchall" yet
  CHECK(s.check("nobody").name == "nobody");
  s.put({{"catchall", mailbox("users/catchall")}});
  c = s.check("nobody");
  CHECK(c.status == RecipientStatus::accepted);
  CHECK(c.name == "catchall");
  CHECK(c.maildir == s.home + "/users/catchall");
  write_file(s.home + "/.vmailmgr/default-username", "\n");  // no catch-all
  CHECK(s.check("nobody").status == RecipientStatus::unknown);
  CHECK(s.check("joe").status == RecipientStatus::accepted);
}

TEST_CASE("check_recipient: no table at all is an empty table") {
  CheckSite s;
  RecipientCheck c = s.check("joe");
  CHECK(c.status == RecipientStatus::unknown);
  CHECK(c.name == "joe");
}

TEST_CASE("check_recipient: expired, and the catch-all is not tried then") {
  CheckSite s;
  fmt::Record old = mailbox("./users/old");
  old.expiry = 1000;
  s.put({{"old", old}, {"+", alias({"joe"})}});
  RecipientCheck c = s.check("old", 1000);
  CHECK(c.status == RecipientStatus::expired);
  CHECK(c.name == "old");
  CHECK(s.check("old", 999).status == RecipientStatus::accepted);
  // An expired catch-all refuses every unknown name.
  CheckSite t;
  fmt::Record gone = alias({"joe"});
  gone.expiry = 5;
  t.put({{"+", gone}});
  c = t.check("nobody", 10);
  CHECK(c.status == RecipientStatus::expired);
  CHECK(c.name == "+");
}

TEST_CASE("check_recipient: no usable mailbox and no forwards, each reason told apart") {
  CheckSite s;
  fmt::Record off = mailbox("./users/off");
  off.mailbox_enabled = false;
  fmt::Record off_fwd = off;
  off_fwd.forwards = {"x@y.example"};
  s.put({{"none", alias({})}, {"off", off}, {"offfwd", off_fwd}, {"nodir", mailbox("")}});
  CHECK(s.check("none").status == RecipientStatus::no_mailbox);
  CHECK(s.check("off").status == RecipientStatus::mailbox_disabled);
  CHECK(s.check("nodir").status == RecipientStatus::no_mailbox_dir);
  RecipientCheck c = s.check("offfwd");
  CHECK(c.status == RecipientStatus::accepted);
  CHECK(c.maildir == "");
}

TEST_CASE("check_recipient: a bad record is a status with the problem; a bad table throws") {
  CheckSite s;
  s.domain().table().update([](const store::TableSnapshot&, store::TableChange& c) {
    c.put_raw("bad", std::string("\x02\x0a", 2));
    c.put_raw("+", std::string("\x02\x0b", 2));
  });
  RecipientCheck c = s.check("bad");
  CHECK(c.status == RecipientStatus::bad_record);
  CHECK(c.name == "bad");
  CHECK(c.problem.starts_with(s.home + "/passwd.cdb: account 'bad': "));
  c = s.check("nobody");  // through a broken catch-all
  CHECK(c.status == RecipientStatus::bad_record);
  CHECK(c.name == "+");
  CHECK(c.problem.starts_with(s.home + "/passwd.cdb: account '+': "));

  write_file(s.home + "/passwd.cdb", "garbage");
  try {
    s.check("joe");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()).starts_with(s.home + "/passwd.cdb is corrupt"));
  }
  // Unreadable (here: a directory where the table should be) is temporary
  // too, whatever errno says: mail waits, it is never refused for it.
  std::filesystem::remove(s.home + "/passwd.cdb");
  create_dir(s.home + "/passwd.cdb");
  try {
    s.check("joe");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == s.home + "/passwd.cdb is not a regular file");
  }
}
