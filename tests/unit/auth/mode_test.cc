#include "auth/mode.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::auth;

namespace {
const std::optional<std::string> unset;
constexpr AuthSetup kClassic{AuthMode::classic, false};
constexpr AuthSetup kDovecot{AuthMode::dovecot, false};
constexpr AuthSetup kLookup{AuthMode::dovecot, true};
}  // namespace

TEST_CASE("auth_setup: ORIG_UID chooses Dovecot, CHECKVPW_MODE forces") {
  CHECK(auth_setup(unset, unset, unset) == kClassic);
  CHECK(auth_setup(unset, "0", unset) == kDovecot);
  CHECK(auth_setup(unset, "", unset) == kDovecot);  // set, even empty
  CHECK(auth_setup("", "0", unset) == kDovecot);     // empty mode = not forced
  CHECK(auth_setup("classic", "0", "1") == kClassic);
  CHECK(auth_setup("dovecot", unset, unset) == kDovecot);
}

TEST_CASE("auth_setup: AUTHORIZED=1 is a lookup in Dovecot mode only") {
  CHECK(auth_setup(unset, "0", "1") == kLookup);
  CHECK(auth_setup("dovecot", unset, "1") == kLookup);
  CHECK(auth_setup(unset, "0", "2") == kDovecot);
  CHECK(auth_setup(unset, "0", "") == kDovecot);
  CHECK(auth_setup(unset, unset, "1") == kClassic);
}

TEST_CASE("auth_setup: an unknown CHECKVPW_MODE is misuse") {
  try {
    auth_setup("Dovecot", unset, unset);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::usage);
    CHECK(std::string(e.what()) == "CHECKVPW_MODE must be dovecot or classic, not 'Dovecot'");
  }
}

TEST_CASE("failure_status: SPEC §6 codes, 3 for a failed Dovecot lookup") {
  CHECK(failure_status(ErrorClass::usage, kClassic) == 2);
  CHECK(failure_status(ErrorClass::bad_login, kClassic) == 1);
  CHECK(failure_status(ErrorClass::bad_login, kDovecot) == 1);
  CHECK(failure_status(ErrorClass::bad_login, kLookup) == 3);
  CHECK(failure_status(ErrorClass::usage, kLookup) == 2);
  CHECK(failure_status(ErrorClass::temporary, kClassic) == 111);
  CHECK(failure_status(ErrorClass::permanent, kClassic) == 111);
  CHECK(failure_status(ErrorClass::temporary, kLookup) == 111);
}
