#include "web/daemon_client.h"

#include <doctest/doctest.h>

#include "../testing/fake_daemon.h"

using namespace vmm::web;
using vmm::fmt::DaemonRequest;
using vmm::testing::FakeDaemon;

namespace {

vmm::fmt::Record mailbox_record() {
  vmm::fmt::Record r;
  r.password = "$6$x";
  r.directory = "./users/joe";
  r.has_mailbox = true;
  r.forwards = {"ann"};
  r.hard_quota = 1000;
  return r;
}

}  // namespace

TEST_CASE("DaemonClient: the requests of the pages, as the daemon reads them") {
  FakeDaemon fake;
  DaemonClient d(fake);
  d.add_alias("ex.org", "sales", "tok", {"joe", "x@y.org"});
  d.add_account("ex.org", "kim", "tok", "pw", {});
  d.chattr("ex.org", "joe", "tok", Attribute::forwards, {});
  d.chattr("ex.org", "joe", "tok", Attribute::hard_quota, {"5000"});
  d.deluser("ex.org", "kim", "tok");
  d.autoresponse("ex.org", "joe", "tok", "write", std::string("Subject: x\n\nbody\n"));
  REQUIRE(fake.requests.size() == 6);
  // an alias as vaddalias makes it: no password, no directory, no mailbox
  CHECK(fake.requests[0] == DaemonRequest{"adduser2", {"ex.org", "sales", "tok", "", "", "joe", "x@y.org"}});
  CHECK(fake.requests[1] == DaemonRequest{"adduser3", {"ex.org", "kim", "tok", "pw", "", "1"}});
  CHECK(fake.requests[2] == DaemonRequest{"chattr", {"ex.org", "joe", "tok", "2", ""}});  // cleared
  CHECK(fake.requests[3] == DaemonRequest{"chattr", {"ex.org", "joe", "tok", "3", "5000"}});
  CHECK(fake.requests[4] == DaemonRequest{"deluser", {"ex.org", "kim", "tok"}});
  CHECK(fake.requests[5] ==
        DaemonRequest{"autoresponse", {"ex.org", "joe", "tok", "write", "Subject: x\n\nbody\n"}});
}

TEST_CASE("DaemonClient: listdomain, lookup, stat and session answers") {
  FakeDaemon fake;
  const std::string rec = vmm::fmt::encode_record(mailbox_record());
  fake.handlers["listdomain"] = [&](const DaemonRequest&) {
    return std::vector{FakeDaemon::ok(""), FakeDaemon::ok(std::string("joe") + '\0' + rec),
                       FakeDaemon::ok(""), };
  };
  fake.handlers["lookup"] = [&](const DaemonRequest&) {
    return std::vector{FakeDaemon::ok(rec), FakeDaemon::ok("record of user 'joe' sent")};
  };
  fake.handlers["stat"] = [](const DaemonRequest&) {
    return std::vector{FakeDaemon::ok(std::string("\0" "1\0" "10\0" "2\0" "20\0" "3\0" "30\0", 16))};
  };
  fake.handlers["session"] = [](const DaemonRequest&) { return std::vector{FakeDaemon::ok("v1.tok")}; };
  DaemonClient d(fake);
  auto list = d.listdomain("ex.org", "pw");
  REQUIRE(list.size() == 1);
  CHECK(list[0].name == "joe");
  CHECK(list[0].record == mailbox_record());
  CHECK(d.lookup("ex.org", "joe", "pw") == mailbox_record());
  MailboxUsage u = d.stat("ex.org", "joe", "pw");
  CHECK(u.new_messages == 1);
  CHECK(u.seen_bytes == 30);
  CHECK(u.messages() == 6);
  CHECK(u.bytes() == 60);
  CHECK(d.session("ex.org", "", "pw") == "v1.tok");
  CHECK(fake.requests.back() == DaemonRequest{"session", {"ex.org", "", "pw"}});
}

TEST_CASE("DaemonClient: a refusal is DaemonRefused with the daemon's words") {
  FakeDaemon fake;
  fake.handlers["session"] = [](const DaemonRequest&) {
    return std::vector{FakeDaemon::error("authentication failed")};
  };
  fake.handlers["chattr"] = [](const DaemonRequest&) {
    return std::vector{FakeDaemon::error("no such user 'x'")};
  };
  fake.handlers["stat"] = [](const DaemonRequest&) { return std::vector{FakeDaemon::ok("1 2 3")}; };
  DaemonClient d(fake);
  try {
    d.session("ex.org", "joe", "wrong");
    FAIL("no refusal");
  } catch (const DaemonRefused& e) {
    CHECK(e.authentication_failed());
  }
  try {
    d.chattr("ex.org", "x", "t", Attribute::personal, {"p"});
    FAIL("no refusal");
  } catch (const DaemonRefused& e) {
    CHECK_FALSE(e.authentication_failed());
    CHECK(std::string(e.what()) == "no such user 'x'");
  }
  CHECK_THROWS_AS(d.stat("ex.org", "joe", "t"), vmm::Error);  // not stat's numbers
}

TEST_CASE("UnixSocketTransport: no socket is DaemonUnreachable") {
  UnixSocketTransport t("/nonexistent/vmailmgrd.sock");
  CHECK_THROWS_AS(t.exchange({"check", {"a", "b", "c"}}), DaemonUnreachable);
}
