#include "fmt/dovecot_lua.h"

#include <doctest/doctest.h>

#include <string>

#include "../testing/errors.h"
#include "sys/error.h"

using vmm::ErrorClass;
using vmm::fmt::format_lua_answer;
using vmm::fmt::kLuaRequestMax;
using vmm::fmt::LuaAnswer;
using vmm::fmt::parse_lua_request;

namespace {
std::string fields(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) out += p + std::string(1, '\0');
  return out;
}
}  // namespace

TEST_CASE("parse_lua_request: five NUL-ended fields") {
  auto r = parse_lua_request(fields({"joe@example.com", "p w\t!", "127.0.0.1", "192.0.2.1", "imap"}));
  CHECK(r.login == "joe@example.com");
  CHECK(r.password == "p w\t!");
  CHECK(r.local_ip == "127.0.0.1");
  CHECK(r.remote_ip == "192.0.2.1");
  CHECK(r.service == "imap");
  auto lookup = parse_lua_request(fields({"joe", "", "", "", ""}));
  CHECK(lookup.password.empty());
  CHECK(lookup.service.empty());
}

TEST_CASE("parse_lua_request refuses what is not a request, without echoing it") {
  auto refused = [](const std::string& bytes, const std::string& message) {
    CHECK(vmm::testing::error_of([&] { parse_lua_request(bytes); }, ErrorClass::usage) == message);
  };
  refused(fields({"", "secret", "", "", ""}), "request has an empty login");
  refused("joe" + std::string(1, '\0') + "secret", "request has no NUL after the password");
  refused(fields({"joe", "secret", "", ""}), "request has no NUL after the service");
  refused(fields({"joe", "secret", "", "", "", "more"}), "request has bytes after the service");
  refused(std::string(kLuaRequestMax + 1, 'a'), "request is longer than 16384 bytes");
}

TEST_CASE("format_lua_answer: a result line, then one line per field") {
  LuaAnswer a{"PASSDB_RESULT_OK", "", {{"user", "joe@example.com"}, {"userdb_home", "/h/j"}}};
  CHECK(format_lua_answer(a) == "PASSDB_RESULT_OK\t\nuser\tjoe@example.com\nuserdb_home\t/h/j\n");
  LuaAnswer refusal{"PASSDB_RESULT_USER_UNKNOWN", "unknown user: a\nb\x7f", {}};
  CHECK(format_lua_answer(refusal) == "PASSDB_RESULT_USER_UNKNOWN\tunknown user: a?b?\n");
}

TEST_CASE("format_lua_answer refuses what could not be read back as meant") {
  auto refused = [](const LuaAnswer& a, const std::string& message) {
    CHECK(vmm::testing::error_of([&] { format_lua_answer(a); }) == message);
  };
  refused({"", "", {}}, "invalid result in an answer");
  refused({"PASSDB RESULT", "", {}}, "invalid result in an answer");
  refused({"PASSDB_RESULT_OK", "", {{"a=b", "x"}}}, "invalid field name in an answer");
  refused({"PASSDB_RESULT_OK", "", {{"home", "/a\nuser\troot"}}},
          "the value of home holds a control byte");
}
