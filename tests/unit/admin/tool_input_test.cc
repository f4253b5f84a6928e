#include "admin/tool_input.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include "../testing/errors.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using namespace vmm::admin;
using vmm::testing::error_of;

TEST_CASE("admin: limits take digits or '-', and a real 0") {
  CHECK(parse_limit("-", "hard quota") == std::nullopt);
  CHECK(parse_limit("0", "hard quota") == 0u);
  CHECK(parse_limit("5242880", "hard quota") == 5242880u);
  CHECK(parse_limit("18446744073709551615", "x") == 18446744073709551615ull);
  CHECK(error_of([] { parse_limit("abc", "hard quota"); }) ==
        "bad hard quota 'abc': not a number (digits, or - for unlimited)");
  CHECK(error_of([] { parse_limit("", "soft quota"); }) == "bad soft quota '': empty");
  CHECK(error_of([] { parse_limit("-1", "x"); }) == "bad x '-1': not a number (digits, or - for unlimited)");
  CHECK(error_of([] { parse_limit(" 5", "x"); }) == "bad x ' 5': not a number (digits, or - for unlimited)");
  CHECK(error_of([] { parse_limit("18446744073709551616", "x"); }) == "bad x '18446744073709551616': too large");
}

TEST_CASE("admin: lifetimes count from now") {
  CHECK(parse_lifetime("31536000", 1795315480) == 1826851480u);
  CHECK(parse_lifetime("0", 1000) == 1000u);
  CHECK(parse_lifetime("-", 1000) == std::nullopt);
  CHECK(error_of([] { parse_lifetime("18446744073709551615", 10); }) == "bad expiry '18446744073709551615': too large");
  // The sum must be a time_t: signed 64 bits.
  CHECK(parse_lifetime("9223372036854775797", 10) == 9223372036854775807u);
  CHECK(error_of([] { parse_lifetime("9223372036854775798", 10); }) == "bad expiry '9223372036854775798': too large");
}

TEST_CASE("admin: absolute times fit a signed 64-bit time_t") {
  CHECK(parse_time("1830000000", "expiry time") == 1830000000u);
  CHECK(parse_time("-", "expiry time") == std::nullopt);
  CHECK(parse_time("9223372036854775807", "expiry time") == 9223372036854775807u);
  CHECK(error_of([] { parse_time("9223372036854775808", "expiry time"); }) ==
        "bad expiry time '9223372036854775808': too large");
  CHECK(error_of([] { parse_time("18446744073709551615", "expiry time"); }) ==
        "bad expiry time '18446744073709551615': too large");
}

TEST_CASE("admin: flags are 0 or 1") {
  CHECK(parse_flag("1", "mailbox-enabled"));
  CHECK_FALSE(parse_flag("0", "mailbox-enabled"));
  CHECK(error_of([] { parse_flag("yes", "mailbox-enabled"); }) == "bad mailbox-enabled 'yes': use 0 or 1");
}

TEST_CASE("admin: the domain comes from HOME") {
  vmm::testing::TempDir tmp;
  const std::string dir = tmp.path;
  const char* old = getenv("HOME");
  std::string saved = old ? old : "";
  setenv("HOME", dir.c_str(), 1);
  CHECK(domain_from_env().home() == dir);
  setenv("HOME", "", 1);
  CHECK(error_of([] { domain_from_env(); }) == "HOME is not set");
  setenv("HOME", (dir + "/missing").c_str(), 1);
  CHECK(error_of([] { domain_from_env(); }) ==
        "unable to find home directory " + dir + "/missing: No such file or directory");
  if (old) setenv("HOME", saved.c_str(), 1); else unsetenv("HOME");
}
