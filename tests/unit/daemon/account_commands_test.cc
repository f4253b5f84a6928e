#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/errors.h"
#include "daemon/commands.h"
#include "domain/password.h"
#include "fmt/record.h"
#include "world.h"

using namespace vmm::daemon;
using vmm::ErrorClass;
using vmm::daemon_testing::FramesSink;
using vmm::daemon_testing::World;
using vmm::fmt::DaemonCode;
using vmm::fmt::DaemonReply;
using vmm::testing::error_of;
using vmm::testing::exists;

namespace {

DaemonReply ok(const std::string& m) { return {DaemonCode::ok, m}; }

template <typename F>
DaemonReply run(World& w, F command, const Args& args) {
  FramesSink out;
  Answer a = command(w.ctx(), args, out);
  CHECK(out.frames.empty());
  return a.reply;
}

template <typename F>
std::string fails(World& w, F command, const Args& args, ErrorClass cls = ErrorClass::permanent) {
  FramesSink out;
  return error_of([&] { command(w.ctx(), args, out); }, cls);
}

}  // namespace

TEST_CASE("check: the account's own password only") {
  World w;
  CHECK(run(w, check_command, {"example.test", "Joe", "joe-secret"}) == ok("user 'joe' authenticated"));
  CHECK(fails(w, check_command, {"example.test", "joe", "base-secret"}, ErrorClass::bad_login) ==
        "wrong password: joe@example.test");
}

TEST_CASE("lookup: the version-2 record in a frame before the final one") {
  World w;
  for (const char* pw : {"joe-secret", "base-secret"}) {
    FramesSink out;
    Answer a = lookup_command(w.ctx(), {"example.test", "joe", pw}, out);
    CHECK(a.reply == ok("record of user 'joe' sent"));
    REQUIRE(out.frames.size() == 1);
    CHECK(out.frames[0] == ok(vmm::fmt::encode_record(w.record(w.base_home, "joe"))));
  }
  CHECK(fails(w, lookup_command, {"example.test", "nobody", "base-secret"}) ==
        "account 'nobody' does not exist");
  CHECK(fails(w, lookup_command, {"example.test", "joe", "ann-secret"}, ErrorClass::bad_login) ==
        "wrong password (neither the account's nor the admin password): joe@example.test");
}

TEST_CASE("chattr 1: a new password, hashed as vpasswd hashes it") {
  World w;
  CHECK(run(w, chattr_command, {"example.test", "joe", "joe-secret", "1", "new one"}) ==
        ok("password for user 'joe' successfully changed"));
  const std::string hash = w.record(w.base_home, "joe").password;
  CHECK(hash.starts_with("$y$"));
  CHECK(vmm::domain::check_password(hash, "new one") == vmm::domain::PasswordCheck::match);
  // the admin may too; the rules for a new password hold
  CHECK(run(w, chattr_command, {"example.test", "ann", "base-secret", "1", "x"}) ==
        ok("password for user 'ann' successfully changed"));
  const std::string before = w.table_bytes(w.base_home);
  CHECK(fails(w, chattr_command, {"example.test", "ann", "x", "1", ""}) == "no password given");
  CHECK(fails(w, chattr_command, {"example.test", "ann", "x", "1", std::string(257, 'p')}) ==
        "the password is longer than 256 bytes");
  CHECK(fails(w, chattr_command, {"example.test", "ann", "x", "1", "a\tb"}) ==
        "the password contains a control character");
  CHECK(w.table_bytes(w.base_home) == before);
}

TEST_CASE("chattr 2: the forwards, as vchforwards sets them") {
  World w;
  CHECK(run(w, chattr_command, {"example.test", "joe", "joe-secret", "2", "a@b.test", "", "Ann"}) ==
        ok("forwards of user 'joe' set to a@b.test, ann"));
  CHECK(w.record(w.base_home, "joe").forwards == std::vector<std::string>{"a@b.test", "ann"});
  CHECK(run(w, chattr_command, {"example.test", "joe", "base-secret", "2", ""}) ==
        ok("forwards of user 'joe' removed"));
  CHECK(w.record(w.base_home, "joe").forwards.empty());
  CHECK(fails(w, chattr_command, {"example.test", "joe", "joe-secret", "2", "nobody"}) ==
        "invalid forward 'nobody': it is neither an address (local@domain) nor an account of this domain");
  CHECK(fails(w, chattr_command, {"example.test", "joe", "joe-secret", "2", "joe"}) ==
        "invalid forward 'joe': it is the account itself");
}

TEST_CASE("chattr 3-9: the limits, expiry, enabled flag and personal information") {
  World w;
  struct Case {
    const char* attr;
    const char* value;
    const char* message;
  };
  const Case cases[] = {
      {"3", "5000000", "hard quota of user 'joe' successfully changed"},
      {"4", "4000000", "soft quota of user 'joe' successfully changed"},
      {"5", "0", "message size limit of user 'joe' successfully changed"},
      {"6", "-", "message count limit of user 'joe' successfully changed"},
      {"7", "1900000000", "expiry time of user 'joe' successfully changed"},
      {"8", "0", "mailbox enabled flag of user 'joe' successfully changed"},
      {"9", "Joe Doe", "personal information of user 'joe' successfully changed"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.attr);
    CHECK(run(w, chattr_command, {"example.test", "joe", "base-secret", c.attr, c.value}) == ok(c.message));
  }
  vmm::fmt::Record r = w.record(w.base_home, "joe");
  CHECK(r.hard_quota == 5000000u);
  CHECK(r.soft_quota == 4000000u);
  CHECK(r.msg_size == 0u);
  CHECK(r.msg_count == std::nullopt);
  CHECK(r.expiry == 1900000000u);
  CHECK_FALSE(r.mailbox_enabled);
  CHECK(r.personal == "Joe Doe");
  // 8 and 9 with the account's own password; 3-7 with the admin's only.
  CHECK(run(w, chattr_command, {"example.test", "joe", "joe-secret", "8", "1"}).code == DaemonCode::ok);
  CHECK(run(w, chattr_command, {"example.test", "joe", "joe-secret", "9", "J."}).code == DaemonCode::ok);
  for (const char* attr : {"3", "4", "5", "6", "7"}) {
    CAPTURE(attr);
    CHECK(fails(w, chattr_command, {"example.test", "joe", "joe-secret", attr, "1"}, ErrorClass::bad_login) ==
          "wrong admin password: joe@example.test");
  }
  CHECK(fails(w, chattr_command, {"example.test", "joe", "base-secret", "3", "lots"}) ==
        "bad hard quota 'lots': not a number (digits, or - for unlimited)");
  CHECK(fails(w, chattr_command, {"example.test", "joe", "base-secret", "8", "2"}) ==
        "bad mailbox enabled value '2': use 0 or 1");
}

TEST_CASE("chattr: a request that makes no sense is BAD before any password is checked") {
  World w;
  CHECK(fails(w, chattr_command, {"example.test", "joe", "wrong", "10", "x"}, ErrorClass::usage) ==
        "invalid attribute '10': one of 1 (password) to 9 (personal information)");
  CHECK(fails(w, chattr_command, {"example.test", "joe", "wrong", "0x3", "x"}, ErrorClass::usage) ==
        "invalid attribute '0x3': one of 1 (password) to 9 (personal information)");
  CHECK(fails(w, chattr_command, {"example.test", "joe", "wrong", "3", "1", "2"}, ErrorClass::usage) ==
        "attribute 3 takes one value, 2 given");
  CHECK(w.sys.log.empty());
}

TEST_CASE("adduser2: VMailMgr's vadduser and vaddalias of its PHP client") {
  World w;
  CHECK(run(w, adduser2_command, {"example.test", "Kim", "base-secret", "kim-pw", "kim", "kim@else.test"}) ==
        ok("user 'kim' successfully added, forwarding to kim@else.test"));
  vmm::fmt::Record r = w.record(w.base_home, "kim");
  CHECK(r.has_mailbox);
  CHECK(r.directory == "./users/kim");
  CHECK(r.forwards == std::vector<std::string>{"kim@else.test"});
  CHECK(vmm::domain::check_password(r.password, "kim-pw") == vmm::domain::PasswordCheck::match);
  CHECK(exists(w.base_home + "/users/kim/new"));
  CHECK(r.ctime == 1800000000u);
  // An empty dirname: an alias, no directory; an empty password: "*".
  CHECK(run(w, adduser2_command, {"example.test", "info", "base-secret", "", "", "joe", "", "ann"}) ==
        ok("user 'info' successfully added, without a mailbox, forwarding to joe, ann"));
  r = w.record(w.base_home, "info");
  CHECK_FALSE(r.has_mailbox);
  CHECK(r.directory.empty());
  CHECK(r.password == "*");
  CHECK_FALSE(exists(w.base_home + "/users/info"));
  // Another dirname: the directory under user-dir by that name.
  CHECK(run(w, adduser2_command, {"example.test", "lou", "base-secret", "pw", "louis"}) ==
        ok("user 'lou' successfully added"));
  CHECK(w.record(w.base_home, "lou").directory == "./users/louis");
  CHECK(exists(w.base_home + "/users/louis/cur"));
}

TEST_CASE("adduser3: the dirname defaults to the name; has_mailbox decides") {
  World w;
  CHECK(run(w, adduser3_command, {"example.test", "max", "base-secret", "pw", "", "yes"}) ==
        ok("user 'max' successfully added"));
  CHECK(w.record(w.base_home, "max").has_mailbox);
  CHECK(exists(w.base_home + "/users/max/tmp"));
  CHECK(run(w, adduser3_command, {"example.test", "nia", "base-secret", "pw", "", "", "max"}) ==
        ok("user 'nia' successfully added, with a directory but no mailbox, forwarding to max"));
  vmm::fmt::Record r = w.record(w.base_home, "nia");
  CHECK_FALSE(r.has_mailbox);
  CHECK(r.directory == "./users/nia");
  CHECK(exists(w.base_home + "/users/nia"));
  CHECK_FALSE(exists(w.base_home + "/users/nia/new"));
}

TEST_CASE("adduser: refusals change nothing") {
  World w;
  const std::string before = w.table_bytes(w.base_home);
  CHECK(fails(w, adduser2_command, {"example.test", "joe", "base-secret", "pw", "joe"}) ==
        "account 'joe' already exists");
  CHECK(fails(w, adduser2_command, {"example.test", "new", "base-secret", "pw", "new", "ghost"}) ==
        "invalid forward 'ghost': it is neither an address (local@domain) nor an account of this domain");
  CHECK(fails(w, adduser2_command, {"example.test", "new", "base-secret", "pw", "../../etc"}) ==
        "invalid directory name '../../etc': it must be a valid account name");
  CHECK(fails(w, adduser2_command, {"example.test", "new", "base-secret", "pw", "joe"}) ==
        "directory " + w.base_home + "/users/joe already exists");
  CHECK(fails(w, adduser3_command, {"example.test", ".hidden", "base-secret", "pw", "", "y"}) ==
        "invalid account name '.hidden': it starts with '.'");
  CHECK(fails(w, adduser2_command, {"example.test", "new", "joe-secret", "pw", "new"}, ErrorClass::bad_login) ==
        "wrong admin password: new@example.test");
  CHECK(w.table_bytes(w.base_home) == before);
  CHECK_FALSE(exists(w.base_home + "/users/new"));
}

TEST_CASE("deluser: the record, then the directory") {
  World w;
  CHECK(run(w, deluser_command, {"example.test", "ANN", "base-secret"}) ==
        ok("user 'ann' successfully deleted"));
  CHECK_FALSE(exists(w.base_home + "/users/ann"));
  CHECK(fails(w, deluser_command, {"example.test", "ann", "base-secret"}) == "account 'ann' does not exist");
  CHECK(fails(w, deluser_command, {"example.test", "joe", "joe-secret"}, ErrorClass::bad_login) ==
        "wrong admin password: joe@example.test");
  CHECK(exists(w.base_home + "/users/joe"));
}
