#include "fmt/maildirsize.h"

#include <doctest/doctest.h>

#include <string>

using vmm::fmt::format_maildirsize;
using vmm::fmt::format_quota_change;
using vmm::fmt::format_quota_definition;
using vmm::fmt::MaildirSize;
using vmm::fmt::parse_maildirsize;
using vmm::fmt::parse_quota_definition;
using vmm::fmt::QuotaLimits;

TEST_CASE("format_quota_definition: bytes S, messages C, 0S when there is no limit") {
  CHECK(format_quota_definition({1000000, 500}) == "1000000S,500C");
  CHECK(format_quota_definition({5242880, std::nullopt}) == "5242880S");
  CHECK(format_quota_definition({std::nullopt, 500}) == "500C");
  CHECK(format_quota_definition({std::nullopt, std::nullopt}) == "0S");  // as Dovecot writes it
  // Maildir++ reads 0 as "no limit", so a real 0 cannot be written.
  CHECK(format_quota_definition({0, 7}) == "7C");
  CHECK(format_quota_definition({0, 0}) == "0S");
  CHECK(format_quota_definition({18446744073709551615ull, 1}) == "18446744073709551615S,1C");
}

TEST_CASE("parse_quota_definition: what Dovecot and Courier write") {
  CHECK(parse_quota_definition("1000000S,500C") == QuotaLimits{1000000, 500});
  CHECK(parse_quota_definition("500C,1000S") == QuotaLimits{1000, 500});
  CHECK(parse_quota_definition("5242880S") == QuotaLimits{5242880, std::nullopt});
  CHECK(parse_quota_definition("0S") == QuotaLimits{});
  CHECK(parse_quota_definition("0S,0C") == QuotaLimits{});
  CHECK(parse_quota_definition("") == QuotaLimits{});
  CHECK(parse_quota_definition("100S \r") == QuotaLimits{100, std::nullopt});
}

TEST_CASE("parse_quota_definition: anything else is refused") {
  for (const char* bad : {"100", "S", "100X", "100S,", ",100S", "-5S", "1 00S", "100s",
                          "100S,abcC", "18446744073709551616S", "100SC"})
    CHECK_MESSAGE(!parse_quota_definition(bad), bad);
}

TEST_CASE("parse_maildirsize: the definition and the sum of every change line") {
  auto m = parse_maildirsize("1000S,10C\n300 2\n  120     1\n-120 -1\n55 1\n");
  REQUIRE(m);
  CHECK(m->limits == QuotaLimits{1000, 10});
  CHECK(m->bytes == 355);
  CHECK(m->count == 3);
  CHECK(m->change_lines == 4);

  auto only = parse_maildirsize("0S\n");  // no change line yet
  REQUIRE(only);
  CHECK(only->limits == QuotaLimits{});
  CHECK(only->bytes == 0);
  CHECK(only->count == 0);
  CHECK(only->change_lines == 0);
}

TEST_CASE("parse_maildirsize: a last line without newline is a write in progress") {
  auto m = parse_maildirsize("1000S\n300 2\n77 1");
  REQUIRE(m);
  CHECK(m->bytes == 300);
  CHECK(m->count == 2);
  CHECK(m->change_lines == 1);
  CHECK(!parse_maildirsize("1000S"));  // not even the definition is complete
}

TEST_CASE("parse_maildirsize: untrustworthy content means recompute (nullopt)") {
  CHECK(!parse_maildirsize(""));
  CHECK(parse_maildirsize("\n"));                     // an empty definition is no limit
  CHECK(parse_maildirsize("\n5 1\n")->bytes == 5);
  CHECK(!parse_maildirsize("100Q\n5 1\n"));           // bad definition
  CHECK(!parse_maildirsize("100S\n5\n"));             // one number
  CHECK(!parse_maildirsize("100S\n5 1 9\n"));         // three
  CHECK(!parse_maildirsize("100S\nabc 1\n"));
  CHECK(!parse_maildirsize("100S\n5 1\n\n"));         // an empty change line
  CHECK(!parse_maildirsize(std::string("100S\n5 1\0\n", 11)));  // NUL byte
  CHECK(!parse_maildirsize("100S\n-10 -1\n"));        // negative total
  CHECK(!parse_maildirsize("100S\n5 -1\n"));
  CHECK(!parse_maildirsize("100S\n9223372036854775807 1\n1 1\n"));  // overflow
  CHECK(!parse_maildirsize("100S\n9223372036854775808 1\n"));       // past int64
}

TEST_CASE("format_quota_change and format_maildirsize: exact bytes") {
  CHECK(format_quota_change(1234, 1) == "1234 1\n");
  CHECK(format_quota_change(-1234, -1) == "-1234 -1\n");
  CHECK(format_maildirsize({1000000, 500}, 4096, 3) == "1000000S,500C\n4096 3\n");
  CHECK(format_maildirsize({}, 0, 0) == "0S\n0 0\n");
  std::string file = format_maildirsize({2000, std::nullopt}, 100, 1) + format_quota_change(50, 1);
  auto back = parse_maildirsize(file);
  REQUIRE(back);
  CHECK(back->limits == QuotaLimits{2000, std::nullopt});
  CHECK(back->bytes == 150);
  CHECK(back->count == 2);
  CHECK(back->change_lines == 2);
}
