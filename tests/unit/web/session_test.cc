#include "web/session.h"

#include <doctest/doctest.h>

#include "fmt/session_token.h"

using namespace vmm::web;
using vmm::fmt::SessionClaims;
using vmm::fmt::session_token_make;

TEST_CASE("session_of_token: the public fields of the daemon's tokens") {
  const std::string own = session_token_make("key", {"example.org", "joe", false, 2000000000, "st"});
  auto s = session_of_token(own);
  REQUIRE(s);
  CHECK(s->token == own);
  CHECK(s->domain == "example.org");
  CHECK(s->user == "joe");
  CHECK_FALSE(s->admin);
  const std::string admin = session_token_make("k2", {"example.org", "", true, 1, "x"});
  s = session_of_token(admin);
  REQUIRE(s);
  CHECK(s->admin);
  CHECK(s->user.empty());
}

TEST_CASE("session_of_token: anything of another shape is no session") {
  CHECK_FALSE(session_of_token(""));
  CHECK_FALSE(session_of_token("joe-secret"));
  CHECK_FALSE(session_of_token("v2.61.62.o.1.00.ff"));
  CHECK_FALSE(session_of_token("v1.6.62.o.1.00.ff"));    // odd hex
  CHECK_FALSE(session_of_token("v1.61.62.x.1.00.ff"));   // no such authority
  CHECK_FALSE(session_of_token("v1.61.62.a.1.00.ff"));   // an admin token naming an account
  CHECK_FALSE(session_of_token("v1.61..o.1.00.ff"));     // an own token naming none
  CHECK_FALSE(session_of_token("v1..62.o.1.00.ff"));     // no domain
  CHECK(session_of_token("v1.61.62.o.1.00.ff"));
}
