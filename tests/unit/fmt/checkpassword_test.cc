#include "fmt/checkpassword.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::fmt::CheckpasswordRequest;
using vmm::fmt::kCheckpasswordMax;
using vmm::fmt::parse_checkpassword;

namespace {

std::string bytes(const char* s, std::size_t n) { return std::string(s, n); }

// The usage message parse_checkpassword throws for input, or "" when it parses.
std::string refusal(const std::string& input) {
  try {
    parse_checkpassword(input);
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::usage);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("checkpassword: qmail-popup form with a timestamp") {
  CheckpasswordRequest r = parse_checkpassword(bytes("joe@example.com\0s3cret\0<1.2@host>\0", 34));
  CHECK(r.login == "joe@example.com");
  CHECK(r.password == "s3cret");
  CHECK(r.timestamp == "<1.2@host>");
  CHECK(r.has_timestamp);
}

TEST_CASE("checkpassword: Dovecot form with an empty timestamp") {
  CheckpasswordRequest r = parse_checkpassword(bytes("joe\0pw\0\0", 8));
  CHECK(r.login == "joe");
  CHECK(r.password == "pw");
  CHECK(r.timestamp.empty());
  CHECK(r.has_timestamp);
}

TEST_CASE("checkpassword: timestamp left out, empty password kept as empty") {
  CheckpasswordRequest r = parse_checkpassword(bytes("joe\0pw\0", 7));
  CHECK(r.login == "joe");
  CHECK(r.password == "pw");
  CHECK_FALSE(r.has_timestamp);
  CheckpasswordRequest lookup = parse_checkpassword(bytes("joe\0\0\0", 6));
  CHECK(lookup.password.empty());
  CHECK(lookup.has_timestamp);
}

TEST_CASE("checkpassword: 8-bit and separator bytes pass through unchanged") {
  CheckpasswordRequest r = parse_checkpassword(bytes("J\xc3\xb6rg%Ex\0p \xff\t\0\0", 14));
  CHECK(r.login == "J\xc3\xb6rg%Ex");
  CHECK(r.password == "p \xff\t");
}

TEST_CASE("checkpassword: exactly 512 bytes parse, 513 do not") {
  std::string login(kCheckpasswordMax - 4, 'a');  // + "\0p\0\0" = 512
  std::string at_limit = login + bytes("\0p\0\0", 4);
  REQUIRE(at_limit.size() == 512);
  CHECK(parse_checkpassword(at_limit).login == login);
  std::string over = "a" + at_limit;
  REQUIRE(over.size() == 513);
  CHECK(refusal(over) == "checkpassword input is longer than 512 bytes");
}

TEST_CASE("checkpassword: malformed input is a usage error naming the problem") {
  CHECK(refusal("") == "checkpassword input is empty");
  CHECK(refusal("joe@example.com") == "checkpassword input holds no NUL byte");
  CHECK(refusal(bytes("\0pw\0\0", 5)) == "checkpassword input has an empty login");
  CHECK(refusal(bytes("joe\0pw", 6)) == "checkpassword input has no NUL after the password");
  CHECK(refusal(bytes("joe\0", 4)) == "checkpassword input has no NUL after the password");
  CHECK(refusal(bytes("joe\0pw\0ts", 9)) == "checkpassword input has no NUL after the timestamp");
  CHECK(refusal(bytes("joe\0pw\0ts\0x", 11)) == "checkpassword input has bytes after the timestamp");
  CHECK(refusal(bytes("joe\0pw\0\0\0", 9)) == "checkpassword input has bytes after the timestamp");
}

TEST_CASE("checkpassword: a NUL inside the login ends the login there") {
  // "jo\0e@x\0pw\0": login "jo", password "e@x", timestamp "pw": it parses,
  // and resolution then refuses the login; one NUL more is malformed.
  CheckpasswordRequest r = parse_checkpassword(bytes("jo\0e@x\0pw\0", 10));
  CHECK(r.login == "jo");
  CHECK(r.password == "e@x");
  CHECK(refusal(bytes("jo\0e@x\0pw\0\0", 11)) == "checkpassword input has bytes after the timestamp");
}

TEST_CASE("checkpassword: messages never quote the password") {
  std::string msg = refusal(bytes("joe\0hunter2-secret", 18));
  CHECK(msg.find("hunter2") == std::string::npos);
  CHECK(msg.find("joe") == std::string::npos);
}
