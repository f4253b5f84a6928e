#include "fmt/time_text.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace vmm::fmt {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view s) { return std::atoi(std::string(s).c_str()); }

}  // namespace

std::string time_text(std::time_t t) {
  struct tm tm {};
  if (!localtime_r(&t, &tm)) return std::to_string(t);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
  // %z is "+0100"; RFC 3339 wants "+01:00".
  if (n < 2) return std::string(buf, n);
  return std::string(buf, n - 2) + ":" + std::string(buf + n - 2, 2);
}

std::optional<std::time_t> parse_date(std::string_view text) {
  if (!text.empty() && text.front() == '@') {
    std::string_view n = text.substr(1);
    long long v = 0;
    if (!digits(n)) return std::nullopt;
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
    if (ec != std::errc() || end != n.data() + n.size()) return std::nullopt;
    return static_cast<std::time_t>(v);
  }
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  struct tm tm {};
  tm.tm_year = number(y) - 1900;
  tm.tm_mon = number(m) - 1;
  tm.tm_mday = number(d);
  tm.tm_isdst = -1;
  const int want_mon = tm.tm_mon, want_mday = tm.tm_mday;
  std::time_t t = std::mktime(&tm);
  // mktime normalises 2026-02-30 to March 2: a day that does not exist.
  if (t == static_cast<std::time_t>(-1) || tm.tm_mon != want_mon || tm.tm_mday != want_mday)
    return std::nullopt;
  return t;
}

}  // namespace vmm::fmt
