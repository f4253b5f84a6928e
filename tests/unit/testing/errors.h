// What a call throws, as text a CHECK can compare exactly.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "sys/error.h"

namespace vmm::testing {

// The message of the vmm::Error f throws, prefixed "(wrong class) " when its
// class is not the expected one; "(no error)" when f returns.
template <typename F>
std::string error_of(F f, ErrorClass expected = ErrorClass::permanent) {
  try {
    f();
  } catch (const Error& e) {
    if (e.cls() != expected) return std::string("(wrong class) ") + e.what();
    return e.what();
  }
  return "(no error)";
}

// The vmm::Error f throws, for checks of its class and errno; a test
// failure when f returns.
template <typename F>
Error thrown_by(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no vmm::Error thrown");
  return Error(ErrorClass::usage, "");
}

}  // namespace vmm::testing
