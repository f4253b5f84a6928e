#include "fmt/ascii.h"

#include <doctest/doctest.h>

using namespace vmm::fmt;

TEST_CASE("ascii: only A-Z change case; comparisons without regard to it") {
  CHECK(ascii_lower('Q') == 'q');
  CHECK(ascii_lower('q') == 'q');
  CHECK(ascii_lower('@') == '@');
  CHECK(ascii_lower('[') == '[');
  CHECK(ascii_lower('\xc4') == '\xc4');  // no locale: a Latin-1 or UTF-8 byte stays
  CHECK(ascii_lowered("Joe.DOE@Example.ORG \xc3\x84") == "joe.doe@example.org \xc3\x84");
  CHECK(equal_nocase("List-ID", "list-id"));
  CHECK_FALSE(equal_nocase("List-ID", "list-i"));
  CHECK_FALSE(equal_nocase("a[", "A{"));  // '[' and '{' differ by 0x20 but are not letters
  CHECK(starts_with_nocase("X-Mozilla-Status: 0001", "x-mozilla-status: "));
  CHECK_FALSE(starts_with_nocase("X-Mo", "x-mozilla"));
  CHECK(contains_nocase("user1050", "R10"));
  CHECK(contains_nocase("abc", ""));
  CHECK(contains_nocase("", ""));
  CHECK_FALSE(contains_nocase("ab", "abc"));
  CHECK_FALSE(contains_nocase("sales", "x"));
}
