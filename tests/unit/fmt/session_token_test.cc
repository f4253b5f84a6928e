#include "fmt/session_token.h"

#include <doctest/doctest.h>

#include <string>

#include "fmt/sha256.h"

using vmm::fmt::SessionClaims;
using vmm::fmt::session_token_check;
using vmm::fmt::session_token_make;

namespace {
const std::string kKey(32, '\x42');
SessionClaims joe() { return {"example.org", "joe", false, 1000, "stamp\x01"}; }
}  // namespace

TEST_CASE("session_token: round trip before expiry, exact wire form") {
  std::string t = session_token_make(kKey, joe());
  CHECK(t.rfind("v1.6578616d706c652e6f7267.6a6f65.o.1000.7374616d7001.", 0) == 0);
  CHECK(t.size() == std::string("v1.6578616d706c652e6f7267.6a6f65.o.1000.7374616d7001.").size() + 64);
  CHECK(session_token_check(kKey, t, 999) == joe());
  SessionClaims admin{"example.org", "", true, 2000, ""};
  CHECK(session_token_check(kKey, session_token_make(kKey, admin), 0) == admin);
}

TEST_CASE("session_token: only cookie-safe characters whatever the names hold") {
  SessionClaims c{"x.org", "a; b=\"c\"\r\n", false, 5, "\0\xff"};
  std::string t = session_token_make(kKey, c);
  for (char ch : t) CHECK(((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch == '.'));
  CHECK(session_token_check(kKey, t, 0) == c);
}

TEST_CASE("session_token: expired, another key, altered fields, junk are all refused") {
  std::string t = session_token_make(kKey, joe());
  CHECK_FALSE(session_token_check(kKey, t, 1000));
  CHECK_FALSE(session_token_check(std::string(32, '\x43'), t, 0));
  std::string to_admin = t;
  to_admin.replace(to_admin.find(".o."), 3, ".a.");
  CHECK_FALSE(session_token_check(kKey, to_admin, 0));
  std::string later = t;
  later.replace(later.find(".1000."), 6, ".9000.");
  CHECK_FALSE(session_token_check(kKey, later, 0));
  std::string flipped = t;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  CHECK_FALSE(session_token_check(kKey, flipped, 0));
  CHECK_FALSE(session_token_check(kKey, "", 0));
  CHECK_FALSE(session_token_check(kKey, "v1", 0));
  CHECK_FALSE(session_token_check(kKey, std::string(5000, 'a'), 0));
}

TEST_CASE("session_token: a well-signed but malformed body is still refused") {
  // Bodies signed with the right key but not of the v1 shape: the MAC alone
  // does not make a token valid.
  auto sign = [](std::string body) {
    return body + "." + vmm::fmt::sha256_hex(vmm::fmt::hmac_sha256(kKey, body));
  };
  CHECK_FALSE(session_token_check(kKey, sign("v2.61.62.o.5.63"), 0));
  CHECK_FALSE(session_token_check(kKey, sign("v1.61.62.x.5.63"), 0));
  CHECK_FALSE(session_token_check(kKey, sign("v1.6.62.o.5.63"), 0));
  CHECK_FALSE(session_token_check(kKey, sign("v1.61.62.o.5x.63"), 0));
  CHECK_FALSE(session_token_check(kKey, sign("v1.61.62.o..63"), 0));
  CHECK_FALSE(session_token_check(kKey, sign("v1.61.62.o.5"), 0));
  CHECK_FALSE(session_token_check(kKey, sign("v1.-1.62.o.5.63"), 0));
  CHECK(session_token_check(kKey, sign("v1.61.62.o.5.63"), 0).has_value());
}
