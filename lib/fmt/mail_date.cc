#include "fmt/mail_date.h"

#include <cstdio>
#include <cstdlib>

namespace vmm::fmt {

std::string mail_date(std::time_t t, long offset_seconds) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t shifted = t + offset_seconds;
  std::tm tm{};
  if (!gmtime_r(&shifted, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) return "";
  long off = std::labs(offset_seconds) / 60;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec, offset_seconds < 0 ? '-' : '+', off / 60 % 100, off % 60);
  return buf;
}

std::string mail_date_local(std::time_t t) {
  std::tm tm{};
  if (!localtime_r(&t, &tm)) return mail_date(t, 0);
  return mail_date(t, tm.tm_gmtoff);
}

}  // namespace vmm::fmt
