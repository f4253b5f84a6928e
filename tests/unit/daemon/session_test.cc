#include "daemon/session.h"

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include "../testing/pipe.h"
#include "fmt/daemon_frame.h"
#include "sys/fd.h"
#include "sys/signals.h"
#include "world.h"

using namespace vmm::daemon;
using namespace std::chrono_literals;
using vmm::daemon_testing::World;
using vmm::fmt::DaemonCode;
using vmm::fmt::DaemonReply;
using vmm::testing::Pipe;

namespace {

struct Served {
  LogEntry entry;
  std::vector<DaemonReply> frames;
};

// Serves one connection whose client sent `request` (and closed its end
// when close_in), and takes the frames apart.
Served serve(World& w, const std::string& request, bool close_in = true,
             SessionLimits limits = {2000ms, 2000ms}) {
  Pipe in, out;
  in.put(request);
  if (close_in) in.close_write();
  Served s;
  s.entry = serve_connection(in.r, out.w, w.ctx(), limits);
  out.close_write();
  std::string bytes = vmm::sys::read_bounded(out.r, 1 << 20, "reply");
  std::string_view rest = bytes;
  while (auto f = vmm::fmt::take_daemon_reply(rest)) s.frames.push_back(*f);
  CHECK(rest.empty());
  return s;
}

std::string req(const std::string& command, const std::vector<std::string>& args) {
  return vmm::fmt::encode_daemon_request({command, args});
}

}  // namespace

TEST_CASE("session: a request, its frames, its log entry") {
  World w;
  Served s = serve(w, req("lookup", {"example.test", "joe", "joe-secret"}));
  REQUIRE(s.frames.size() == 2);
  CHECK(s.frames[0] == DaemonReply{DaemonCode::ok, vmm::fmt::encode_record(w.record(w.base_home, "joe"))});
  CHECK(s.frames[1] == DaemonReply{DaemonCode::ok, "record of user 'joe' sent"});
  CHECK(s.entry.command == "lookup");
  CHECK(s.entry.domain == "example.test");
  CHECK(s.entry.user == "joe");
  CHECK(s.entry.code == DaemonCode::ok);
  CHECK(s.entry.text == "record of user 'joe' sent");
  CHECK(s.entry.peer == "-");
}

TEST_CASE("session: frames that are not requests get BAD, a silent client nothing") {
  World w;
  Served s = serve(w, "");
  CHECK(s.frames.empty());
  CHECK(s.entry.code == DaemonCode::bad);
  CHECK(s.entry.text == "connection closed without a request");

  s = serve(w, std::string("\x02\x00\x10", 3) + "short");
  CHECK(s.frames == std::vector<DaemonReply>{{DaemonCode::bad, "truncated request: 5 of 16 bytes received"}});
  CHECK(s.entry.text == "truncated request: 5 of 16 bytes received");
  CHECK(s.entry.command == "-");

  s = serve(w, "\x01hello");
  CHECK(s.frames == std::vector<DaemonReply>{{DaemonCode::bad, "not a protocol 2 request"}});

  s = serve(w, std::string("\x02\x00\x05\x01\x00\x01x\x00", 8));  // argc 1, its length cut
  CHECK(s.frames == std::vector<DaemonReply>{{DaemonCode::bad, "malformed request: the length of argument 1 is missing"}});

  s = serve(w, std::string("\x02\x00\x04\x00\x00\x01x", 7) + "more");  // more than announced: ignored
  CHECK(s.frames == std::vector<DaemonReply>{{DaemonCode::bad, "unknown command"}});
  CHECK(s.entry.command == "x");

  s = serve(w, std::string("\x02\x00\x40", 3) + "slow", false, {100ms, 100ms});
  CHECK(s.frames == std::vector<DaemonReply>{{DaemonCode::bad, "timed out waiting for the request: 4 of 64 bytes received"}});
}

TEST_CASE("session: a client gone before its reply only changes the log") {
  World w;
  vmm::sys::ignore_signal(SIGPIPE);
  Pipe in, out;
  in.put(req("check", {"example.test", "joe", "joe-secret"}));
  in.close_write();
  out.close_read();
  LogEntry e = serve_connection(in.r, out.w, w.ctx(), {});
  vmm::sys::default_signal(SIGPIPE);
  CHECK(e.code == DaemonCode::ok);
  CHECK(e.text == "user 'joe' authenticated (reply not sent: unable to write the reply: Broken pipe)");
}
