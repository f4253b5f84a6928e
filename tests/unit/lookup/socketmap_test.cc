#include "lookup/socketmap.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "connection_testing.h"
#include "sys/error.h"

using namespace vmm::lookup;
using Kind = SocketmapReply::Kind;
using vmm::testing::ScriptedConnection;

namespace {

// The answers of a small map; "boom" throws.
SocketmapReply answer(std::string_view key) {
  if (key == "joe@example.test") return {Kind::ok, "vmbase+joe"};
  if (key == "broken@example.test") return {Kind::temp, "table unreadable"};
  if (key == "boom") throw vmm::Error(vmm::ErrorClass::temporary, "it broke");
  if (key == "weird") throw std::runtime_error("not a vmm::Error");
  return {Kind::notfound, ""};
}

SessionEnd serve(ScriptedConnection& c) { return serve_socketmap(c, {{"virtual", answer}}); }

}  // namespace

TEST_CASE("socketmap: parse_socketmap_request") {
  CHECK(parse_socketmap_request("virtual joe@x") == SocketmapRequest{"virtual", "joe@x"});
  CHECK(parse_socketmap_request("virtual ") == SocketmapRequest{"virtual", ""});
  CHECK(parse_socketmap_request("virtual a b") == SocketmapRequest{"virtual", "a b"});
  CHECK(parse_socketmap_request("virtual") == std::nullopt);
  CHECK(parse_socketmap_request(" joe@x") == std::nullopt);
  CHECK(parse_socketmap_request("") == std::nullopt);
}

TEST_CASE("socketmap: reply texts, exact bytes") {
  CHECK(socketmap_reply_text({Kind::ok, "vmbase+joe"}) == "OK vmbase+joe");
  CHECK(socketmap_reply_text({Kind::notfound, "ignored"}) == "NOTFOUND ");
  CHECK(socketmap_reply_text({Kind::temp, "no table"}) == "TEMP no table");
  CHECK(socketmap_reply_text({Kind::perm, "bad\nline\x7f"}) == "PERM bad?line?");
  CHECK(socketmap_reply_text({Kind::ok, std::string(kSocketmapMax - 3, 'x')}).size() == kSocketmapMax);
  CHECK(socketmap_reply_text({Kind::ok, std::string(kSocketmapMax - 2, 'x')}) == "PERM reply too long");
}

TEST_CASE("socketmap: each map answers its own requests, another name is refused") {
  ScriptedConnection c;
  c.pieces = {"6:a key1,6:b key2,6:c key3,"};
  const std::vector<SocketmapMap> maps = {
      {"a", [](std::string_view k) { return SocketmapReply{Kind::ok, "A" + std::string(k)}; }},
      {"b", [](std::string_view) { return SocketmapReply{Kind::notfound, ""}; }}};
  CHECK(serve_socketmap(c, maps) == SessionEnd::closed);
  CHECK(c.all() == "8:OK Akey1,9:NOTFOUND ,47:PERM no such map here; this server answers a, b,");
}

TEST_CASE("socketmap: many requests on one connection, split anywhere") {
  const std::string stream =
      "24:virtual joe@example.test,"
      "27:virtual nobody@example.test,"
      "27:virtual broken@example.test,"
      "12:virtual boom,"
      "13:virtual weird,"
      "22:other joe@example.test,"
      "7:virtual,"
      "8:virtual ,";
  const std::string replies =
      "13:OK vmbase+joe,"
      "9:NOTFOUND ,"
      "21:TEMP table unreadable,"
      "13:TEMP it broke,"
      "21:TEMP not a vmm::Error,"
      "50:PERM no such map here; this server answers virtual,"
      "37:PERM malformed request: no \"NAME KEY\","
      "9:NOTFOUND ,";
  for (std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{17}, stream.size()}) {
    CAPTURE(piece);
    ScriptedConnection c;
    for (std::size_t i = 0; i < stream.size(); i += piece) c.pieces.push_back(stream.substr(i, piece));
    CHECK(serve(c) == SessionEnd::closed);
    CHECK(c.all() == replies);
    CHECK(c.written.size() == 8);  // one write per reply
  }
}

TEST_CASE("socketmap: the end of a session") {
  ScriptedConnection idle;
  idle.pieces = {"24:virtual joe@example.test,", "5:vir"};
  idle.at_end = ConnectionRead::timeout;
  CHECK(serve(idle) == SessionEnd::idle);
  CHECK(idle.all() == "13:OK vmbase+joe,");

  ScriptedConnection half;  // the client closes in the middle of a request
  half.pieces = {"24:virtual joe@exam"};
  CHECK(serve(half) == SessionEnd::closed);
  CHECK(half.all() == "");

  ScriptedConnection malformed;  // answered up to the bad bytes, then dropped
  malformed.pieces = {"24:virtual joe@example.test,x4:abcd,24:virtual joe@example.test,"};
  CHECK(serve(malformed) == SessionEnd::malformed);
  CHECK(malformed.all() == "13:OK vmbase+joe,");

  ScriptedConnection no_comma;
  no_comma.pieces = {"5:hello;"};
  CHECK(serve(no_comma) == SessionEnd::malformed);
  CHECK(no_comma.all() == "");

  ScriptedConnection stalled;
  stalled.pieces = {"24:virtual joe@example.test,"};
  stalled.stall = true;
  CHECK(serve(stalled) == SessionEnd::stalled);
}

TEST_CASE("socketmap: a request over 100000 bytes gets PERM, then the connection closes") {
  ScriptedConnection c;
  c.pieces = {"24:virtual joe@example.test,100001:virtual " + std::string(99993, 'x') + ","};
  CHECK(serve(c) == SessionEnd::too_long);
  CHECK(c.all() == "13:OK vmbase+joe,37:PERM request longer than 100000 bytes,");
  // Refused from the length alone: the bytes are never waited for.
  ScriptedConnection early;
  early.pieces = {"999999999:"};
  early.at_end = ConnectionRead::timeout;
  CHECK(serve(early) == SessionEnd::too_long);
  CHECK(early.reads == 1);
  // Exactly 100000 bytes is a request like any other.
  ScriptedConnection max;
  max.pieces = {"100000:virtual " + std::string(99992, 'x') + ","};
  CHECK(serve(max) == SessionEnd::closed);
  CHECK(max.all() == "9:NOTFOUND ,");
}
