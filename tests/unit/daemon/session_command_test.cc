#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "daemon/commands.h"
#include "fmt/session_token.h"
#include "world.h"

using namespace vmm::daemon;
using vmm::ErrorClass;
using vmm::daemon_testing::FramesSink;
using vmm::daemon_testing::World;
using vmm::fmt::DaemonCode;
using vmm::fmt::SessionClaims;
using vmm::testing::error_of;

namespace {

Answer session(World& w, const std::string& domain, const std::string& user, const std::string& pass) {
  FramesSink out;
  Answer a = session_command(w.ctx(), {domain, user, pass}, out);
  CHECK(out.frames.empty());
  CHECK(a.reply.code == DaemonCode::ok);
  return a;
}

SessionClaims claims(World& w, const std::string& token) {
  std::optional<SessionClaims> c = vmm::fmt::session_token_check(w.keys.key(), token, w.sys.wall);
  REQUIRE(c.has_value());
  return *c;
}

std::string refused(World& w, const std::string& domain, const std::string& user, const std::string& pass) {
  FramesSink out;
  return error_of([&] { session_command(w.ctx(), {domain, user, pass}, out); }, ErrorClass::bad_login);
}

}  // namespace

TEST_CASE("session: an admin's token with the admin password, an account's with its own") {
  World w;
  Answer a = session(w, "Example.Test", "", "base-secret");
  CHECK(a.note == "admin session of example.test issued for 900 seconds");
  CHECK(claims(w, a.reply.message) ==
        SessionClaims{"example.test", "", true, w.sys.wall + 900, w.keys.stamp(kAdminStampLabel, "$0$base-secret")});
  Answer o = session(w, "example.test", "Joe", "joe-secret");
  CHECK(o.note == "session of user 'joe' issued for 900 seconds");
  CHECK(claims(w, o.reply.message) ==
        SessionClaims{"example.test", "joe", false, w.sys.wall + 900, w.keys.stamp(kOwnStampLabel, "$0$joe-secret")});
  CHECK(o.reply.message.find_first_not_of("0123456789abcdefv.o") == std::string::npos);  // cookie-safe
  // The admin-password file's hash, where there is one.
  CHECK(claims(w, session(w, "other.test", "", "other-admin").reply.message).stamp ==
        w.keys.stamp(kAdminStampLabel, "$0$other-admin"));
}

TEST_CASE("session: a token renews itself for another idle period; the setting session-idle") {
  World w;
  vmm::testing::write_file(w.etc + "/session-idle", "60\n");
  const std::string t1 = session(w, "example.test", "joe", "joe-secret").reply.message;
  CHECK(claims(w, t1).expires == w.sys.wall + 60);
  w.sys.wall += 50;
  const std::string t2 = session(w, "example.test", "joe", t1).reply.message;
  CHECK(t2 != t1);
  CHECK(claims(w, t2).expires == w.sys.wall + 60);
  const std::string a1 = session(w, "example.test", "", "base-secret").reply.message;
  w.sys.wall += 59;  // the last second of t2 and a1; t1 is dead
  CHECK(claims(w, session(w, "example.test", "", a1).reply.message).expires == w.sys.wall + 60);
  CHECK(session(w, "example.test", "joe", t2).reply.code == DaemonCode::ok);
  const std::string nor = " (nor a valid session token: altered, expired or of another key)";
  CHECK(refused(w, "example.test", "joe", t1) == "wrong password: joe@example.test" + nor);
  w.sys.wall += 1;
  CHECK(refused(w, "example.test", "joe", t2) == "wrong password: joe@example.test" + nor);
  CHECK(refused(w, "example.test", "", a1) == "wrong admin password: example.test" + nor);
}

TEST_CASE("session: each kind of session from its own kind of password only") {
  World w;
  const std::string own = session(w, "example.test", "joe", "joe-secret").reply.message;
  const std::string adm = session(w, "example.test", "", "base-secret").reply.message;
  CHECK(refused(w, "example.test", "joe", "base-secret") == "wrong password: joe@example.test");
  CHECK(refused(w, "example.test", "", "joe-secret") == "wrong admin password: example.test");
  CHECK(refused(w, "example.test", "joe", adm) ==
        "wrong password: joe@example.test (an admin session token, where the account's own password is needed)");
  CHECK(refused(w, "example.test", "", own) ==
        "wrong admin password: example.test (an account's session token, where the admin password is needed)");
  CHECK(refused(w, "example.test", "ann", own) == "wrong password: ann@example.test (a session token of another account)");
  CHECK(refused(w, "example.test", "eve", "eve-secret") == "wrong password: eve@example.test");  // expired
  CHECK(refused(w, "nowhere.test", "", "x") == "not a virtual domain: nowhere.test");
}

TEST_CASE("session: no key, no session — before any authentication") {
  World w;
  vmm::testing::write_file(w.etc + "/session-key", std::string(31, 'k'), 0600);
  FramesSink out;
  CHECK(error_of([&] { session_command(w.ctx(), {"example.test", "joe", "joe-secret"}, out); }) ==
        "session key file " + w.etc + "/session-key must be 32 bytes long, not 31");
  CHECK(w.sys.log.empty());
  vmm::daemon::DaemonContext none{w.global, w.users, w.sys};
  CHECK(error_of([&] { session_command(none, {"example.test", "joe", "joe-secret"}, out); }) ==
        "this server gives no session tokens");
  World idle;
  vmm::testing::write_file(idle.etc + "/session-idle", "-\n");
  CHECK(error_of([&] { session_command(idle.ctx(), {"example.test", "joe", "joe-secret"}, out); }) ==
        "the setting session-idle must be 1 to 31536000 seconds");
  CHECK(idle.sys.log.empty());
}
