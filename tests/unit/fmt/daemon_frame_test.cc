#include "fmt/daemon_frame.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "../testing/errors.h"

using namespace vmm::fmt;
using vmm::ErrorClass;
using vmm::testing::error_of;

namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s += static_cast<char>(c);
  return s;
}

}  // namespace

TEST_CASE("daemon request: the example of VMailMgr's protocol description, byte for byte") {
  const std::string want = bytes({0x02, 0x00, 0x2e, 0x02, 0x00, 0x0a}) + "listdomain" +
                           bytes({0x00, 0x15}) + "mailtest.somesuch.dom" + bytes({0x00, 0x08}) +
                           "mailtest";
  CHECK(encode_daemon_request({"listdomain", {"mailtest.somesuch.dom", "mailtest"}}) == want);
  CHECK(daemon_payload_length(want.substr(0, 3)) == 0x2e);
  CHECK(decode_daemon_payload(std::string_view(want).substr(3)) ==
        DaemonRequest{"listdomain", {"mailtest.somesuch.dom", "mailtest"}});
}

TEST_CASE("daemon request: empty arguments, binary bytes, no arguments, round trip") {
  const DaemonRequest r{"chattr", {"example.test", "joe", std::string("p\0w", 3), "2", ""}};
  std::string frame = encode_daemon_request(r);
  CHECK(frame.size() == 3 + 1 + 2 + 6 + 5 * 2 + 12 + 3 + 3 + 1);
  CHECK(decode_daemon_payload(std::string_view(frame).substr(3)) == r);
  CHECK(encode_daemon_request({"x", {}}) == bytes({2, 0, 4, 0, 0, 1}) + "x");
  // The longest frame there is: 65535 bytes after the header.
  const DaemonRequest big{"c", {std::string(65535 - 1 - 3 - 2, 'a')}};
  CHECK(encode_daemon_request(big).size() == 3 + 65535);
  CHECK(decode_daemon_payload(std::string_view(encode_daemon_request(big)).substr(3)) == big);
}

TEST_CASE("daemon request: what cannot be encoded") {
  CHECK(error_of([] { encode_daemon_request({"c", {std::string(65536, 'a')}}); },
                 ErrorClass::usage) == "an argument is longer than 65535 bytes");
  CHECK(error_of([] { encode_daemon_request({"c", {std::string(65535 - 5, 'a')}}); },
                 ErrorClass::usage) == "the request is longer than 65535 bytes");
  CHECK(error_of([] { encode_daemon_request({"c", std::vector<std::string>(256)}); },
                 ErrorClass::usage) == "more than 255 arguments");
}

TEST_CASE("daemon request: the header") {
  CHECK(daemon_payload_length(bytes({2, 0xff, 0xff})) == 65535);
  CHECK(daemon_payload_length(bytes({2, 0, 0})) == 0);
  CHECK(daemon_payload_length(bytes({3, 0, 5})) == std::nullopt);
  CHECK(daemon_payload_length(bytes({0, 0, 5})) == std::nullopt);
  CHECK(daemon_payload_length("GET") == std::nullopt);
  CHECK(daemon_payload_length(bytes({2, 0})) == std::nullopt);
}

TEST_CASE("daemon request: lengths that lie, leftovers, truncation") {
  auto bad = [](const std::string& payload) {
    return error_of([&] { decode_daemon_payload(payload); }, ErrorClass::usage);
  };
  CHECK(bad("") == "the argument count is missing");
  CHECK(bad(bytes({0})) == "the length of the command name is missing");
  CHECK(bad(bytes({0, 0})) == "the length of the command name is missing");
  CHECK(bad(bytes({0, 0, 0})) == "the command name is empty");
  CHECK(bad(bytes({0, 0, 5}) + "chk") == "the command name is cut short: 5 bytes announced, 3 there");
  CHECK(bad(bytes({1, 0, 1}) + "c") == "the length of argument 1 is missing");
  CHECK(bad(bytes({2, 0, 1}) + "c" + bytes({0, 1}) + "a") == "the length of argument 2 is missing");
  CHECK(bad(bytes({1, 0, 1}) + "c" + bytes({0xff, 0xff}) + "abc") ==
        "argument 1 is cut short: 65535 bytes announced, 3 there");
  CHECK(bad(bytes({0, 0, 1}) + "cx") == "1 bytes after the last of 0 arguments");
  CHECK(bad(bytes({1, 0, 1}) + "c" + bytes({0, 1}) + "abc") ==
        "2 bytes after the last of 1 arguments");
  // argc says 255, the bytes hold one
  CHECK(bad(bytes({255, 0, 1}) + "c" + bytes({0, 0})) == "the length of argument 2 is missing");
}

TEST_CASE("daemon reply: frames, byte for byte, and taken apart again") {
  CHECK(encode_daemon_reply({DaemonCode::ok, ""}) == bytes({0, 0, 0}));
  CHECK(encode_daemon_reply({DaemonCode::bad, "Invalid"}) == bytes({1, 0, 7}) + "Invalid");
  CHECK(encode_daemon_reply({DaemonCode::error, std::string(300, 'e')}) ==
        bytes({2, 1, 0x2c}) + std::string(300, 'e'));
  CHECK(encode_daemon_reply({DaemonCode::ok, std::string(65535, 'x')}).size() == 65538);
  CHECK(error_of([] { encode_daemon_reply({DaemonCode::ok, std::string(65536, 'x')}); }) ==
        "reply too long: 65536 bytes, at most 65535 fit in a frame");

  std::string stream = encode_daemon_reply({DaemonCode::ok, ""}) +
                       encode_daemon_reply({DaemonCode::ok, std::string("joe\0\x02", 5)}) +
                       encode_daemon_reply({DaemonCode::error, "no"});
  std::string_view rest = stream;
  CHECK(take_daemon_reply(rest) == DaemonReply{DaemonCode::ok, ""});
  CHECK(take_daemon_reply(rest) == DaemonReply{DaemonCode::ok, std::string("joe\0\x02", 5)});
  std::string_view partial = rest.substr(0, 4);
  CHECK(take_daemon_reply(partial) == std::nullopt);
  CHECK(partial.size() == 4);
  CHECK(take_daemon_reply(rest) == DaemonReply{DaemonCode::error, "no"});
  CHECK(rest.empty());
  CHECK(take_daemon_reply(rest) == std::nullopt);
  std::string_view unknown("\x03\x00\x00", 3);
  CHECK(error_of([&] { take_daemon_reply(unknown); }, ErrorClass::usage) == "unknown reply code 3");
}
