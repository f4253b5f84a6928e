#include "domain/account_dir.h"

#include <doctest/doctest.h>

#include <string>

#include "sys/error.h"

using vmm::domain::account_dir;

namespace {

// The Error thrown by account_dir, or a failed check when none was thrown.
vmm::Error error_of(std::string_view user_dir, unsigned bits, unsigned slices,
                    std::string_view name) {
  try {
    account_dir(user_dir, bits, slices, name);
  } catch (const vmm::Error& e) {
    return e;
  }
  FAIL("account_dir did not throw");
  return vmm::Error(vmm::ErrorClass::usage, "unreachable");
}

}  // namespace

TEST_CASE("account_dir: flat layout, '.' becomes ':'") {
  CHECK(account_dir("users/", 0, 0, "greta") == "./users/greta");
  CHECK(account_dir("users/", 0, 0, "ivar.holm") == "./users/ivar:holm");
  CHECK(account_dir("users/", 0, 0, "+") == "./users/+");
  CHECK(account_dir("users/", 0, 0, "a.b.c") == "./users/a:b:c");
}

TEST_CASE("account_dir: user_dir with or without trailing '/', empty, nested, absolute") {
  CHECK(account_dir("users", 0, 0, "greta") == "./users/greta");
  CHECK(account_dir("", 0, 0, "greta") == "./greta");
  CHECK(account_dir("mail/users", 0, 0, "greta") == "./mail/users/greta");
  CHECK(account_dir("/srv/vmail/", 0, 0, "greta") == "/srv/vmail/greta");
  CHECK(account_dir("users", 4, 2, "kai") == "./users/9/c/kai");
}

TEST_CASE("account_dir: hashed levels (SPEC §3.3 and the VMailMgr fixture)") {
  CHECK(account_dir("users/", 6, 1, "c") == "./users/2f/c");       // crc 0x06b9df6f
  CHECK(account_dir("users/", 4, 2, "kai") == "./users/9/c/kai");  // crc 0xf34b7ec9
}

TEST_CASE("account_dir: more layouts computed by hand from the CRC") {
  // greta: crc32 0x13fcd0a0 -> a0, then d0
  CHECK(account_dir("users/", 8, 2, "greta") == "./users/a0/d0/greta");
  // ivar.holm: crc32 0x2e7eab07 -> 7, 0, b; the hash is of the name with its '.'
  CHECK(account_dir("users/", 4, 3, "ivar.holm") == "./users/7/0/b/ivar:holm");
  // kai 0xf34b7ec9, 5 bits: 0b01001 = 09 (two digits), then bits 5..9 = 0x16
  CHECK(account_dir("users/", 5, 2, "kai") == "./users/09/16/kai");
  // the whole hash in one level, and 16-bit halves (a: 0xe8b7be43)
  CHECK(account_dir("users/", 32, 1, "kai") == "./users/f34b7ec9/kai");
  CHECK(account_dir("users/", 16, 2, "a") == "./users/be43/e8b7/a");
  // c: 0x06b9df6f -> 1-bit levels 1,1,1; 3-bit levels 7,5
  CHECK(account_dir("users/", 1, 3, "c") == "./users/1/1/1/c");
  CHECK(account_dir("users/", 3, 2, "c") == "./users/7/5/c");
  // zero padding: the high half of 0x06b9df6f is 06b9
  CHECK(account_dir("users/", 16, 2, "c") == "./users/df6f/06b9/c");
  CHECK(account_dir("users/", 8, 4, "c") == "./users/6f/df/b9/06/c");
  CHECK(account_dir("users/", 4, 8, "c") == "./users/f/6/f/d/9/b/6/0/c");
}

TEST_CASE("account_dir: bits 0 or slices 0 mean no levels") {
  CHECK(account_dir("users/", 0, 3, "kai") == "./users/kai");
  CHECK(account_dir("users/", 4, 0, "kai") == "./users/kai");
  CHECK(account_dir("users/", 99, 0, "kai") == "./users/kai");
}

TEST_CASE("account_dir: an impossible layout is a permanent error naming both settings") {
  vmm::Error e = error_of("users/", 33, 1, "kai");
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) ==
        "invalid hashed user directory layout: user-dir-bits 33 with user-dir-slices 1 "
        "(bits must be 1..32 and bits * slices at most 32)");
  e = error_of("users/", 8, 5, "kai");
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) ==
        "invalid hashed user directory layout: user-dir-bits 8 with user-dir-slices 5 "
        "(bits must be 1..32 and bits * slices at most 32)");
  // bits * slices overflowing 32 bits must not wrap around to a small value
  e = error_of("users/", 2, 0x80000000u, "kai");
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(account_dir("users/", 8, 4, "kai") == "./users/c9/7e/4b/f3/kai");  // exactly 32 is fine
}

TEST_CASE("account_dir: a name that would leave user_dir is refused") {
  vmm::Error e = error_of("users/", 0, 0, "");
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == "invalid account name for a directory: the name is empty");
  e = error_of("users/", 0, 0, "../etc");
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == "invalid account name for a directory: '../etc' contains '/'");
  e = error_of("users/", 4, 2, std::string_view("a\0b", 3));
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == "invalid account name for a directory: the name contains a NUL byte");
  // dots alone stay inside: they become colons
  CHECK(account_dir("users/", 0, 0, "..") == "./users/::");
}
