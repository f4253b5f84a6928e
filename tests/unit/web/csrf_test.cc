#include "web/csrf.h"

#include <doctest/doctest.h>

#include "fmt/session_token.h"
#include "fmt/sha256.h"

using namespace vmm::web;

TEST_CASE("csrf_token: HMAC-SHA256 of the action under the session token, in hex") {
  CHECK(csrf_token("tok", "set_password") ==
        vmm::fmt::sha256_hex(vmm::fmt::hmac_sha256("tok", "set_password")));
  CHECK(csrf_token("tok", "set_password").size() == 64);
  CHECK(csrf_token("tok", "set_password") != csrf_token("tok", "delete"));
  CHECK(csrf_token("tok", "delete") != csrf_token("tok2", "delete"));
}

TEST_CASE("csrf_valid: only the token of this session and this action") {
  const std::string t = csrf_token("session-1", "delete");
  CHECK(csrf_valid("session-1", "delete", t));
  CHECK_FALSE(csrf_valid("session-2", "delete", t));   // another session's form
  CHECK_FALSE(csrf_valid("session-1", "add_alias", t));  // another form's field
  CHECK_FALSE(csrf_valid("session-1", "delete", ""));
  CHECK_FALSE(csrf_valid("session-1", "delete", t.substr(0, 63)));
  CHECK_FALSE(csrf_valid("", "delete", csrf_token("", "delete")));  // no session: never
}

TEST_CASE("csrf_valid: a renewed session keeps its forms; a password change does not") {
  const std::string key(32, 'k');
  vmm::fmt::SessionClaims c{"example.test", "alice", false, 1000, "stamp-1"};
  const std::string first = vmm::fmt::session_token_make(key, c);
  c.expires = 1900;  // the renewal of the next page load
  const std::string renewed = vmm::fmt::session_token_make(key, c);
  REQUIRE(first != renewed);
  CHECK(csrf_valid(renewed, "forwards", csrf_token(first, "forwards")));  // a second tab
  c.stamp = "stamp-2";  // the password changed
  CHECK_FALSE(csrf_valid(vmm::fmt::session_token_make(key, c), "forwards",
                         csrf_token(first, "forwards")));
  vmm::fmt::SessionClaims bob{"example.test", "bob", false, 1900, "stamp-1"};
  CHECK_FALSE(csrf_valid(vmm::fmt::session_token_make(key, bob), "forwards",
                         csrf_token(first, "forwards")));
  vmm::fmt::SessionClaims admin{"example.test", "", true, 1900, "stamp-1"};
  CHECK_FALSE(csrf_valid(vmm::fmt::session_token_make(key, admin), "forwards",
                         csrf_token(first, "forwards")));
}
