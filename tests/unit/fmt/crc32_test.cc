#include "fmt/crc32.h"

#include <doctest/doctest.h>

#include <string>

using vmm::fmt::crc32;

TEST_CASE("crc32: the published check value and the empty string") {
  CHECK(crc32("123456789") == 0xCBF43926u);
  CHECK(crc32("") == 0u);
}

TEST_CASE("crc32: account names used by the VMailMgr fixture") {
  CHECK(crc32("kai") == 0xF34B7EC9u);  // EXPECTED.md: ./users/9/c/kai
  CHECK(crc32("c") == 0x06B9DF6Fu);    // SPEC §3.3: bits 6 -> 2f
  CHECK(crc32("a") == 0xE8B7BE43u);
  CHECK(crc32("greta") == 0x13FCD0A0u);
  CHECK(crc32("ivar.holm") == 0x2E7EAB07u);
}

TEST_CASE("crc32: longer input and 8-bit bytes (taken unsigned)") {
  CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
  CHECK(crc32("\xff\x80") == 0x3F456CADu);
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(crc32(all) == 0x29058C73u);
}

TEST_CASE("crc32: embedded NUL bytes count; a string_view is not cut at NUL") {
  CHECK(crc32(std::string_view("c\0", 2)) != crc32("c"));
  CHECK(crc32(std::string_view("\0", 1)) == 0xD202EF8Du);
}
