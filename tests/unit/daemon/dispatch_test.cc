#include "daemon/dispatch.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "world.h"

using namespace vmm::daemon;
using vmm::daemon_testing::FramesSink;
using vmm::daemon_testing::World;
using vmm::fmt::DaemonCode;
using vmm::fmt::DaemonReply;
using vmm::fmt::DaemonRequest;

namespace {

Dispatched go(World& w, const DaemonRequest& r) {
  FramesSink out;
  return dispatch(r, w.ctx(), out, w.sys.clock());
}

}  // namespace

TEST_CASE("dispatch: VMailMgr's commands and their argument counts") {
  struct Count {
    const char* name;
    std::size_t min, max;
  };
  const Count counts[] = {{"check", 3, 3},    {"lookup", 3, 3},       {"chattr", 5, 255},
                          {"adduser2", 5, 255}, {"adduser3", 6, 255}, {"deluser", 3, 3},
                          {"autoresponse", 4, 5}, {"stat", 3, 3},     {"listdomain", 2, 2},
                          {"session", 3, 3}};
  for (const Count& c : counts) {
    CAPTURE(c.name);
    const CommandSpec* s = find_command(c.name);
    REQUIRE(s != nullptr);
    CHECK(s->min_args == c.min);
    CHECK(s->max_args == c.max);
    CHECK(s->has_user == (std::string(c.name) != "listdomain"));
  }
  CHECK(find_command("echo") == nullptr);
  CHECK(find_command("LOOKUP") == nullptr);
  CHECK(find_command("") == nullptr);
}

TEST_CASE("dispatch: BAD for an unknown command or a wrong argument count, before anything else") {
  World w;
  Dispatched d = go(w, {"echo", {"a"}});
  CHECK(d.reply == DaemonReply{DaemonCode::bad, "unknown command"});
  d = go(w, {"lookup", {"example.test", "joe"}});
  CHECK(d.reply == DaemonReply{DaemonCode::bad, "wrong number of arguments to lookup: 2 given, 3 expected"});
  CHECK(d.log_text == d.reply.message);
  CHECK(go(w, {"adduser3", {"a", "b", "c", "d", "e"}}).reply.message ==
        "wrong number of arguments to adduser3: 5 given, at least 6 expected");
  CHECK(go(w, {"autoresponse", {"a", "b", "c", "d", "e", "f"}}).reply.message ==
        "wrong number of arguments to autoresponse: 6 given, 4 to 5 expected");
  CHECK(go(w, {"listdomain", {}}).reply.message ==
        "wrong number of arguments to listdomain: 0 given, 2 expected");
  CHECK(go(w, {"session", {"example.test", "joe"}}).reply.message ==
        "wrong number of arguments to session: 2 given, 3 expected");
  CHECK(w.sys.log.empty());
}

TEST_CASE("dispatch: a failed authentication waits, says little, logs why") {
  World w;
  w.sys.at += std::chrono::milliseconds(250);  // the hashing took a while already
  FramesSink out;
  Dispatched d = dispatch({"lookup", {"example.test", "joe", "wrong"}}, w.ctx(), out,
                          w.sys.at - std::chrono::milliseconds(250));
  CHECK(d.reply == DaemonReply{DaemonCode::error, "authentication failed"});
  CHECK(d.log_text ==
        "authentication failed: wrong password (neither the account's nor the admin password): joe@example.test");
  CHECK(w.sys.log.back() == "sleep 750ms");  // 1 s after the request arrived
  CHECK(go(w, {"listdomain", {"nowhere.test", "x"}}).reply ==
        DaemonReply{DaemonCode::error, "authentication failed"});
  CHECK(w.sys.log.back() == "sleep 1000ms");
}

TEST_CASE("dispatch: a session token is never logged; one of another account waits like a wrong password") {
  World w;
  Dispatched d = go(w, {"session", {"example.test", "joe", "joe-secret"}});
  REQUIRE(d.reply.code == DaemonCode::ok);
  const std::string token = d.reply.message;
  CHECK(token.starts_with("v1."));
  CHECK(d.log_text == "session of user 'joe' issued for 900 seconds");
  d = go(w, {"lookup", {"example.test", "joe", token}});
  CHECK(d.reply.code == DaemonCode::ok);
  CHECK(d.log_text == "record of user 'joe' sent");
  CHECK(w.sys.log == std::vector<std::string>{"become vmdbase 2941 2941", "become vmdbase 2941 2941"});
  d = go(w, {"lookup", {"example.test", "ann", token}});
  CHECK(d.reply == DaemonReply{DaemonCode::error, "authentication failed"});
  CHECK(d.log_text ==
        "authentication failed: wrong password (neither the account's nor the admin password): "
        "ann@example.test (a session token of another account)");
  CHECK(w.sys.log.back() == "sleep 1000ms");
}

TEST_CASE("dispatch: errors of the library become ERROR with their message") {
  World w;
  CHECK(go(w, {"deluser", {"example.test", "nobody", "base-secret"}}).reply ==
        DaemonReply{DaemonCode::error, "account 'nobody' does not exist"});
  CHECK(go(w, {"chattr", {"example.test", "joe", "x", "12", "1"}}).reply.code == DaemonCode::bad);
  vmm::testing::write_file(w.base_home + "/passwd.cdb", "short", 0600);
  Dispatched d = go(w, {"lookup", {"example.test", "joe", "joe-secret"}});
  CHECK(d.reply.code == DaemonCode::error);
  CHECK(d.reply.message.starts_with("temporary failure: " + w.base_home + "/passwd.cdb is corrupt"));
  CHECK(d.log_text == d.reply.message);
}

TEST_CASE("dispatch: the log fields of a request") {
  LogEntry e;
  describe_request({"chattr", {"example.test", "joe", "secret", "1", "new"}}, e);
  CHECK(e.command == "chattr");
  CHECK(e.domain == "example.test");
  CHECK(e.user == "joe");
  LogEntry l;
  describe_request({"listdomain", {"example.test", "secret"}}, l);
  CHECK(l.domain == "example.test");
  CHECK(l.user == "-");
  LogEntry u;
  describe_request({"nosuch", {"a", "b"}}, u);
  CHECK(u.command == "nosuch");
  CHECK(u.domain == "-");
  CHECK(u.user == "-");
  LogEntry s;
  describe_request({"check", {"only-domain"}}, s);
  CHECK(s.domain == "only-domain");
  CHECK(s.user == "-");
}
