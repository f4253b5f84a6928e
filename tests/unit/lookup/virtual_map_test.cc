#include "lookup/virtual_map.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "system_fake.h"

using namespace vmm;
using namespace vmm::lookup;
using namespace vmm::login_testing;
using namespace vmm::lookup_testing;
using namespace vmm::testing;
using Kind = SocketmapReply::Kind;

namespace {

struct World {
  TempDir d;
  std::string etc = d / "etc", home = d / "vmbase";
  FakeUserDb users;
  FakeLookupSystem sys;
  std::vector<std::string> warnings;
  World() {
    write_file(etc + "/qmail-root", d / "qmail");
    write_file(d / "qmail/control/virtualdomains", "example.test:vmbase\n");
    users.add("vmbase", 2001, 2002, home);
    std::filesystem::create_directories(home);
    put_accounts(home, {{"joe", mailbox("joe", "$0$joe-secret")}});
  }
  SocketmapReply rcpt(std::string_view key) {
    return rcptcheck_map_reply(key, domain::Config(etc, ""), users, sys,
                               [&](const std::string& w) { warnings.push_back(w); });
  }
  SocketmapReply reply(std::string_view key) {
    return virtual_map_reply(key, domain::Config(etc, ""), users, sys,
                             [&](const std::string& w) { warnings.push_back(w); });
  }
};

}  // namespace

TEST_CASE("virtual_map_reply: found, not found") {
  World w;
  CHECK(w.reply("joe@example.test") == SocketmapReply{Kind::ok, "vmbase+joe"});
  CHECK(w.reply("JOE@EXAMPLE.TEST") == SocketmapReply{Kind::ok, "vmbase+joe"});
  CHECK(w.reply("nobody@example.test") == SocketmapReply{Kind::notfound, ""});
  CHECK(w.reply("joe@elsewhere.test") == SocketmapReply{Kind::notfound, ""});
  CHECK(w.reply("vmbase+joe@mx.example") == SocketmapReply{Kind::notfound, ""});
  CHECK(w.reply("") == SocketmapReply{Kind::notfound, ""});
  put_accounts(w.home, {{"+", alias("+", {"joe"})}});
  CHECK(w.reply("any.one@example.test") == SocketmapReply{Kind::ok, "vmbase+any.one"});
  CHECK(w.reply("a,root@example.test") == SocketmapReply{Kind::notfound, ""});  // never a list
  CHECK(w.warnings.empty());
}

TEST_CASE("virtual_map_reply: a failure is TEMP, and a warning naming the key") {
  World w;
  write_file(w.home + "/passwd.cdb", "garbage");
  SocketmapReply r = w.reply("joe@example.test");
  CHECK(r.kind == Kind::temp);
  CHECK(r.text.starts_with(w.home + "/passwd.cdb is corrupt"));
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0] == "unable to look up joe@example.test: " + r.text);
  // A key with control bytes is shown with '?'.
  w.reply(std::string("jo\x01" "e@example.test"));  // malformed: not found, no warning
  CHECK(w.warnings.size() == 1);
  std::filesystem::remove(w.d / "qmail/control/virtualdomains");
  std::filesystem::create_directories(w.d / "qmail/control/virtualdomains");
  r = w.reply("jo\x01" "e@example.test");
  CHECK(r.kind == Kind::temp);
  REQUIRE(w.warnings.size() == 2);
  CHECK(w.warnings[1].starts_with("unable to look up jo?e@example.test: unable to read "));
}

TEST_CASE("rcptcheck_map_reply: accepted and not ours are OK, unknown NOTFOUND, a failure TEMP") {
  World w;
  CHECK(w.rcpt("joe@example.test") == SocketmapReply{Kind::ok, "accepted"});
  CHECK(w.rcpt("nobody@example.test") == SocketmapReply{Kind::notfound, ""});
  CHECK(w.rcpt("joe@elsewhere.test") == SocketmapReply{Kind::ok, "not ours"});
  CHECK(w.rcpt("postmaster") == SocketmapReply{Kind::ok, "not ours"});
  CHECK(w.warnings.empty());
  write_file(w.home + "/passwd.cdb", "garbage");
  SocketmapReply r = w.rcpt("joe@example.test");
  CHECK(r.kind == Kind::temp);
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0] == "unable to look up joe@example.test: " + r.text);
}
