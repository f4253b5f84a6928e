#include "fmt/loose_date.h"

#include <doctest/doctest.h>

#include "../testing/time_zone.h"

using vmm::fmt::parse_loose_date;
using vmm::testing::TimeZone;

namespace {

// 2026-12-03: two-digit years up to 76 are 20xx, later ones 19xx (Time::Local).
constexpr std::time_t kNow = 1796299200;

std::optional<std::int64_t> at(const char* text) { return parse_loose_date(text, kNow); }

}  // namespace

// Every expected value below is what Perl's Date::Parse str2time gives
// (TimeDate 2.33, Debian 12), truncated as utime truncates it.
TEST_CASE("parse_loose_date: the ctime form of From lines is local time") {
  {
    TimeZone tz("UTC");
    CHECK(at("Wed Nov 24 11:05:35 1999") == 943441535);
    CHECK(at("Wed Nov  4 11:05:35 1999") == 941713535);
    CHECK(at("wed NOV 24 11:05:35 1999") == 943441535);
    CHECK(at("Nov 24 11:05:35 1999") == 943441535);
    CHECK(at("Thu Jan  1 00:00:00 1970") == 0);
  }
  TimeZone tz("Europe/Berlin");
  CHECK(at("Wed Nov 24 11:05:35 1999") == 943437935);
  CHECK(at("Thu Jan  1 00:00:00 1970") == -3600);
}

TEST_CASE("parse_loose_date: the other forms Date::Parse reads") {
  TimeZone tz("Europe/Berlin");
  CHECK(at("Wed, 24 Nov 1999 11:05:35 +0100") == 943437935);
  CHECK(at("Wed Nov 24 11:05:35 PST 1999") == 943470335);
  CHECK(at("Wed Nov 24 11:05:35 MEST 1999") == 943434335);
  CHECK(at("Nov 24 11:05 99") == 943437900);
  CHECK(at("1999-11-24T11:05:35") == 943437935);
  CHECK(at("24-Nov-1999 11:05:35") == 943437935);
  CHECK(at("Wed Nov 24 11:05:35.75 1999") == 943437935);
  CHECK(at("Wed  Nov  24  11:05:35  1999") == 943437935);  // not the fast form: the same answer
  CHECK(at("wed nov 24 11:05:35 1999 (CET)") == 943437935);
  CHECK(at("Fri Dec 13 20:45:51 1901") == -2147487249);
}

TEST_CASE("parse_loose_date: two-digit years in Time::Local's window around now") {
  TimeZone tz("UTC");
  CHECK(at("Wed Nov 24 11:05:35 76") == 3373441535);  // 2076
  CHECK(at("Wed Nov 24 11:05:35 77") == 249217535);   // 1977
}

TEST_CASE("parse_loose_date: the hours daylight saving skips or repeats, as timelocal resolves them") {
  TimeZone tz("Europe/Berlin");
  CHECK(at("Sun Mar 28 02:30:00 2021") == 1616895000);
  CHECK(at("Sun Oct 31 02:30:00 2021") == 1635640200);
  TimeZone utc("UTC");
  CHECK(at("Sun Mar 28 02:30:00 2021") == 1616898600);
}

TEST_CASE("parse_loose_date: what Date::Parse cannot read gives no time") {
  TimeZone tz("UTC");
  for (const char* bad : {"", " ", "garbage here", "Wed Nov 24 11:05:35 1999 XYZ", "Wed Nov 31 11:05:35 1999",
                          "Mon Foo 12 10:00:00 2001", "Feb 29 12:00:00 2001", "Wed Nov 24 25:61:61 1999",
                          "remote from uucp"})
    CHECK_MESSAGE(!at(bad), bad);
  CHECK(at("Feb 29 12:00:00 2000") == 951825600);
}
