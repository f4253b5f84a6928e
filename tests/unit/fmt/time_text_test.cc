#include "fmt/time_text.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <time.h>

#include <string>

using namespace vmm::fmt;

namespace {

// TZ for one test, restored after.
class Zone {
 public:
  explicit Zone(const char* tz) {
    if (const char* old = ::getenv("TZ")) old_ = old, had_ = true;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~Zone() {
    if (had_) ::setenv("TZ", old_.c_str(), 1); else ::unsetenv("TZ");
    ::tzset();
  }

 private:
  std::string old_;
  bool had_ = false;
};

}  // namespace

TEST_CASE("time text: RFC 3339 in local time") {
  {
    Zone z("UTC");
    CHECK(time_text(0) == "1970-01-01T00:00:00+00:00");
    CHECK(time_text(1800000000) == "2027-01-15T08:00:00+00:00");
  }
  {
    Zone z("CET-1CEST,M3.5.0,M10.5.0/3");
    CHECK(time_text(1800000000) == "2027-01-15T09:00:00+01:00");
    CHECK(time_text(1790000000) == "2026-09-21T16:13:20+02:00");
  }
  {
    Zone z("<-0330>3:30");
    CHECK(time_text(0) == "1969-12-31T20:30:00-03:30");
  }
}

TEST_CASE("time text: dates typed by an administrator") {
  Zone z("UTC");
  CHECK(parse_date("2027-01-15") == std::optional<std::time_t>(1800000000 - 8 * 3600));
  CHECK(parse_date("1970-01-01") == std::optional<std::time_t>(0));
  CHECK(parse_date("@1800000000") == std::optional<std::time_t>(1800000000));
  CHECK(parse_date("@0") == std::optional<std::time_t>(0));
  for (const char* bad : {"", "@", "@-1", "@1x", "@99999999999999999999999", "2027-1-15",
                          "2027/01/15", "2027-02-30", "2027-13-01", "2027-00-10", "27-01-15",
                          "2027-01-15 ", "yesterday"})
    CHECK_MESSAGE(!parse_date(bad).has_value(), bad);
  Zone cet("CET-1CEST,M3.5.0,M10.5.0/3");
  CHECK(parse_date("2027-01-15") == std::optional<std::time_t>(1800000000 - 9 * 3600));
}
