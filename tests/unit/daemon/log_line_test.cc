#include "daemon/log_line.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace vmm::daemon;
using vmm::fmt::DaemonCode;

TEST_CASE("log_line: one line, every field escaped") {
  LogEntry e;
  e.peer = "127.0.0.1:4242";
  e.command = "chattr";
  e.domain = "example.test";
  e.user = "joe";
  e.code = DaemonCode::ok;
  e.text = "hard quota of user 'joe' successfully changed";
  CHECK(log_line(e) == "127.0.0.1:4242 chattr example.test joe: OK: hard quota of user 'joe' successfully changed");
  LogEntry d;
  CHECK(log_line(d) == "- - - -: BAD: ");
  d.code = DaemonCode::error;
  d.command = "x y";
  d.domain = "";
  d.user = "a\nb\\c";
  d.text = "two\nlines and a blank";
  CHECK(log_line(d) == "- x\\x20y \"\" a\\x0ab\\x5cc: ERROR: two\\x0alines and a blank");
}

TEST_CASE("log_field: control bytes, 8-bit bytes, the bound") {
  CHECK(log_field("plain", true, 10) == "plain");
  CHECK(log_field(std::string("a\0b\x7f", 4), true, 10) == "a\\x00b\\x7f");
  CHECK(log_field("j\xC3\xB6rg", true, 10) == "j\\xc3\\xb6rg");
  CHECK(log_field("a b", false, 10) == "a b");
  CHECK(log_field(std::string(20, 'x'), true, 5) == "xxxxx...");
  CHECK(log_field("", true, 5) == "\"\"");
}

TEST_CASE("peer_name: tcpserver's and unixserver's variables") {
  std::map<std::string, std::string> env;
  EnvFn get = [&](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  CHECK(peer_name(get) == "-");
  env = {{"UNIXREMOTEEUID", "33"}, {"UNIXREMOTEPID", "4242"}, {"PROTO", "UNIX"}};
  CHECK(peer_name(get) == "uid=33,pid=4242");
  env = {{"UNIXREMOTEEUID", "33"}};
  CHECK(peer_name(get) == "uid=33,pid=?");
  env = {{"TCPREMOTEIP", "127.0.0.1"}, {"TCPREMOTEPORT", "40312"}, {"PROTO", "TCP"}};
  CHECK(peer_name(get) == "127.0.0.1:40312");
  env = {{"TCPREMOTEIP", "::1"}};
  CHECK(peer_name(get) == "::1:?");
}
