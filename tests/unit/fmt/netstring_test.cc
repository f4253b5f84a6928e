#include "fmt/netstring.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace vmm::fmt;

TEST_CASE("netstring: exact bytes") {
  CHECK(netstring("") == "0:,");
  CHECK(netstring("hello") == "5:hello,");
  CHECK(netstring("virtual joe@example.test") == "24:virtual joe@example.test,");
  CHECK(netstring(std::string("a\0,:b", 5)) == std::string("5:a\0,:b,", 8));
  CHECK(netstring(std::string(100000, 'x')) == "100000:" + std::string(100000, 'x') + ",");
}

TEST_CASE("NetstringReader: several netstrings, any split of the bytes") {
  const std::string stream = "5:hello,0:,3:a,b,11:virtual joe,";
  const std::vector<std::string> want = {"hello", "", "a,b", "virtual joe"};
  for (std::size_t piece = 1; piece <= stream.size(); ++piece) {
    CAPTURE(piece);
    NetstringReader r(100);
    std::vector<std::string> got;
    std::string payload;
    for (std::size_t i = 0; i < stream.size(); i += piece) {
      r.feed(stream.substr(i, piece));
      NetstringStatus s;
      while ((s = r.next(payload)) == NetstringStatus::complete) got.push_back(payload);
      CHECK(s == NetstringStatus::need_more);
    }
    CHECK(got == want);
    CHECK(r.pending() == 0);
  }
}

TEST_CASE("NetstringReader: need_more until the closing comma") {
  NetstringReader r(100);
  std::string payload = "untouched";
  CHECK(r.next(payload) == NetstringStatus::need_more);
  r.feed("5");
  CHECK(r.next(payload) == NetstringStatus::need_more);
  r.feed(":hello");
  CHECK(r.next(payload) == NetstringStatus::need_more);
  CHECK(payload == "untouched");
  r.feed(",5:");
  CHECK(r.next(payload) == NetstringStatus::complete);
  CHECK(payload == "hello");
  CHECK(r.pending() == 2);
}

TEST_CASE("NetstringReader: malformed input, and it stays broken") {
  for (const char* bad : {"x:,", ":,", "5:hello;", "05:hello,", "00:,", "5x:hello,", "-1:a,", " 5:hello,",
                          "5:helloo,"}) {
    CAPTURE(bad);
    NetstringReader r(100);
    r.feed(bad);
    std::string payload;
    CHECK(r.next(payload) == NetstringStatus::malformed);
    r.feed("5:hello,");
    CHECK(r.next(payload) == NetstringStatus::malformed);
  }
  // A good one first is still taken.
  NetstringReader r(100);
  r.feed("1:a,x");
  std::string payload;
  CHECK(r.next(payload) == NetstringStatus::complete);
  CHECK(payload == "a");
  CHECK(r.next(payload) == NetstringStatus::malformed);
}

TEST_CASE("NetstringReader: a length over the bound is refused before its bytes") {
  NetstringReader r(100000);
  std::string payload;
  r.feed("100000:");
  CHECK(r.next(payload) == NetstringStatus::need_more);  // exactly the bound is fine
  NetstringReader over(100000);
  over.feed("100001");
  CHECK(over.next(payload) == NetstringStatus::too_long);  // known before the ':'
  CHECK(over.next(payload) == NetstringStatus::too_long);
  NetstringReader huge(100000);
  huge.feed("99999999999999999999999999999999:");
  CHECK(huge.next(payload) == NetstringStatus::too_long);  // no overflow
  NetstringReader zero(0);
  zero.feed("0:,1:");
  CHECK(zero.next(payload) == NetstringStatus::complete);
  CHECK(zero.next(payload) == NetstringStatus::too_long);
}
