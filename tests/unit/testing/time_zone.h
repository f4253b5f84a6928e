// Runs a test in another time zone (TZ), restoring the one before.
#pragma once
#include <stdlib.h>
#include <time.h>

#include <optional>
#include <string>

namespace vmm::testing {

class TimeZone {
 public:
  explicit TimeZone(const char* tz) {
    if (const char* old = ::getenv("TZ")) old_ = old;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~TimeZone() {
    if (old_) ::setenv("TZ", old_->c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
  }
  TimeZone(const TimeZone&) = delete;
  TimeZone& operator=(const TimeZone&) = delete;

 private:
  std::optional<std::string> old_;
};

}  // namespace vmm::testing
