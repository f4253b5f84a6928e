#include "sys/environ.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <string>

#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::sys;

namespace {

std::string refusal(void (*op)()) {
  try {
    op();
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::permanent);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("environ: set, read back, overwrite, unset") {
  ::unsetenv("VMM_ENVIRON_TEST");
  CHECK_FALSE(get_env("VMM_ENVIRON_TEST").has_value());
  set_env("VMM_ENVIRON_TEST", "one two=three");
  CHECK(get_env("VMM_ENVIRON_TEST") == "one two=three");
  CHECK(std::string(::getenv("VMM_ENVIRON_TEST")) == "one two=three");
  set_env("VMM_ENVIRON_TEST", "");
  CHECK(get_env("VMM_ENVIRON_TEST") == "");  // set but empty is not unset
  unset_env("VMM_ENVIRON_TEST");
  CHECK_FALSE(get_env("VMM_ENVIRON_TEST").has_value());
  CHECK(::getenv("VMM_ENVIRON_TEST") == nullptr);
  unset_env("VMM_ENVIRON_TEST");  // twice is fine
}

TEST_CASE("environ: bad names and values are refused, nothing changes") {
  CHECK(refusal([] { set_env("", "x"); }) == "invalid environment variable name ''");
  CHECK(refusal([] { set_env("A=B", "x"); }) == "invalid environment variable name 'A=B'");
  CHECK(refusal([] { unset_env("A=B"); }) == "invalid environment variable name 'A=B'");
  CHECK(refusal([] { set_env("VMM_ENVIRON_NUL", std::string("a\0b", 3)); }) ==
        "value of environment variable VMM_ENVIRON_NUL holds a NUL byte");
  CHECK_FALSE(get_env("VMM_ENVIRON_NUL").has_value());
  CHECK_FALSE(get_env("").has_value());
  CHECK_FALSE(get_env(std::string("PATH\0X", 6)).has_value());
}
