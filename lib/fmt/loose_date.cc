#include "fmt/loose_date.h"

#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "fmt/ascii.h"

// The steps below follow Date::Parse's strptime and str2time in order: each
// is one search-and-replace on the lowercased text, and whatever is left at
// the end must be blank. The patterns are Perl's, in ECMAScript syntax,
// which std::regex matches with the same leftmost, first-alternative,
// greedy-with-backtracking rules. The common ctime form ("Wed Nov 24
// 11:05:35 1999", what every mbox writer uses) is read without regexes
// first; unit tests check that both ways give the same answer.

namespace vmm::fmt {
namespace {

constexpr const char* kDays =
    "wednesday|wednes|wed|tuesday|tues|tue|thursday|thurs|thur|thu|sunday|sun|saturday|sat|"
    "monday|mon|friday|fri";
constexpr const char* kMonths =
    "september|sept|sep|october|oct|november|nov|may|march|mar|june|jun|july|jul|january|jan|"
    "february|feb|december|dec|august|aug|april|apr";
constexpr const char* kSuffixes = "th|st|rd|nd";

int month_number(const std::string& name) {
  static const std::pair<const char*, int> months[] = {
      {"jan", 0}, {"feb", 1}, {"mar", 2}, {"apr", 3}, {"may", 4},  {"jun", 5},
      {"jul", 6}, {"aug", 7}, {"sep", 8}, {"oct", 9}, {"nov", 10}, {"dec", 11}};
  for (const auto& [prefix, n] : months)
    if (name.compare(0, 3, prefix) == 0) return n;
  return -1;  // not reached: only month names match kMonths
}

// Time::Zone's tz_offset for a name (its daylight table first).
std::optional<std::int64_t> zone_offset(const std::string& name) {
  static const std::pair<const char*, int> dst[] = {
      {"brst", -2}, {"adt", -3},   {"edt", -4},    {"cdt", -5}, {"mdt", -6}, {"pdt", -7},
      {"akdt", -8}, {"ydt", -8},   {"hdt", -9},    {"bst", 1},  {"mest", 2}, {"metdst", 2},
      {"sst", 2},   {"fst", 2},    {"cest", 2},    {"eest", 3}, {"msd", 4},  {"wadt", 8},
      {"kdt", 10},  {"aedt", 11},  {"eadt", 11},   {"nzd", 13}, {"nzdt", 13}};
  static const std::pair<const char*, int> standard[] = {
      {"gmt", 0},    {"ut", 0},    {"utc", 0},   {"wet", 0},   {"wat", -1},  {"at", -2},
      {"fnt", -2},   {"brt", -3},  {"mnt", -4},  {"ewt", -4},  {"ast", -4},  {"est", -5},
      {"act", -5},   {"cst", -6},  {"mst", -7},  {"pst", -8},  {"akst", -9}, {"yst", -9},
      {"hst", -10},  {"cat", -10}, {"ahst", -10}, {"nt", -11}, {"idlw", -12}, {"cet", 1},
      {"mez", 1},    {"ect", 1},   {"met", 1},   {"mewt", 1},  {"swt", 1},   {"set", 1},
      {"fwt", 1},    {"eet", 2},   {"ukr", 2},   {"bt", 3},    {"msk", 3},   {"zp4", 4},
      {"zp5", 5},    {"zp6", 6},   {"wst", 8},   {"hkt", 8},   {"cct", 8},   {"jst", 9},
      {"kst", 9},    {"aest", 10}, {"east", 10}, {"gst", 10},  {"nzt", 12},  {"nzst", 12},
      {"idle", 12}};
  for (const auto& [zone, hours] : dst)
    if (name == zone) return std::int64_t{hours} * 3600;
  for (const auto& [zone, hours] : standard)
    if (name == zone) return std::int64_t{hours} * 3600;
  return std::nullopt;
}

// A Perl number from a decimal string with an optional sign; saturated far
// beyond any valid date part, so range checks still fail as they should.
std::int64_t number(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    v = v > 100000000000000LL ? v : v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

struct Parts {
  std::optional<std::int64_t> ss, mm, hh, day, month, year, zone;
  bool century = false;
  bool fraction = false;  // a non-zero fraction of a second
};

bool blank(const std::string& s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

struct Captures {
  std::vector<std::string> text;
  std::vector<bool> set;
  explicit Captures(const std::smatch& m) {
    for (std::size_t i = 0; i < m.size(); ++i) {
      text.push_back(m[i].str());
      set.push_back(m[i].matched);
    }
  }
  bool has(std::size_t i) const { return i < set.size() && set[i]; }
  bool truthy(std::size_t i) const { return has(i) && !text[i].empty() && text[i] != "0"; }
  std::int64_t num(std::size_t i) const { return number(text[i]); }
};

// s/RE/ / once; the captures, or nothing when RE did not match.
std::optional<Captures> take(std::string& s, const std::regex& re, const char* with = " ") {
  std::smatch m;
  if (!std::regex_search(s, m, re)) return std::nullopt;
  Captures c(m);
  s = m.prefix().str() + with + m.suffix().str();
  return c;
}

std::regex re(const std::string& pattern) { return std::regex(pattern, std::regex::ECMAScript); }

// Date::Parse's strptime. nullopt = it returned the empty list.
std::optional<Parts> strptime_general(std::string_view text) {
  static const std::regex paren = re(R"(\([^()]*\))");
  static const std::regex punct = re(R"(([\d\w\s])[.,]\s)");
  static const std::regex day_name = re(std::string("(") + kDays + R"()\s*(den\s)?\b)");
  static const std::regex non_space = re(R"(\S)");
  static const std::regex iso = re(
      R"(\s(\d{4})([-:]?)(\d\d?)\2(\d\d?)(?:[-Tt ](\d\d?)(?:([-:]?)(\d\d?)(?:\6(\d\d?)(?:[.,](\d+))?)?)?)?(?=\D))");
  static const std::regex clock = re(R"([:\s](\d\d?):(\d\d?)(:(\d\d?)(?:\.\d+)?)?(z)?\s*(?:([ap])\.?m?\.?)?\s)");
  static const std::regex hour = re(R"(\s(\d\d?)\s*([ap])\.?m?\.?\s)");
  static const std::regex ampm = re(R"( ([ap])\.?m?\.?\s)");
  static const std::regex dmy_name = re(std::string(R"(\s(\d\d?)([\-./])()") + kMonths + R"()(\2(\d\d+))?\s)");
  static const std::regex dmy_number = re(R"(\s(\d+)([\-./])(\d\d?)(\2(\d+))?\s)");
  static const std::regex day_month =
      re(std::string(R"(\s(\d+)\s*()") + kSuffixes + R"()?\s*()" + kMonths + ")");
  static const std::regex month_day =
      re(std::string("(") + kMonths + R"()\s*(\d+)\s*()" + kSuffixes + R"()?\s)");
  static const std::regex month_slash = re(std::string("(") + kMonths + R"()([/-])(\d+)[/-])");
  static const std::regex yymmdd = re(R"(\s(\d\d)(\d\d)(\d\d)\s)");
  static const std::regex year_only = re(R"(\s(\d{2}(\d{2})?)[\s.,])");
  static const std::regex dst_word = re(R"(\bdst\b)");
  static const std::regex zone_name = re(R"(\s"?([a-z]{3,4})(dst|\d+[a-z]*|_[a-z]+)?"?\s)");
  static const std::regex zone_number = re(R"(\s([a-z]{3,4})?([\-+]?)-?(\d\d?):?(\d\d)?(00)?\s)");
  static const std::regex universal = re(R"(^\s*(ut?|z)\s*$)");
  static const std::regex zone_number_plain = re(R"(\s([a-z]{3,4})?([\-+]?)-?(\d\d?)(\d\d)?(00)?\s)");

  Parts p;
  int merid = 24;
  std::string s = ascii_lowered(text);
  while (take(s, paren)) {
  }
  // s#(\A|\n|\Z)# #g: a blank in front, at the end and for every newline.
  for (char& c : s)
    if (c == '\n') c = ' ';
  s = " " + s + " ";
  s = std::regex_replace(s, punct, "$1 ");
  for (char& c : s)
    if (c == ',') c = ' ';
  take(s, day_name);
  if (!std::regex_search(s, non_space)) return std::nullopt;

  if (auto c = take(s, iso)) {
    p.year = c->num(1);
    p.month = c->num(3) - 1;
    p.day = c->num(4);
    if (c->has(5)) p.hh = c->num(5);
    if (c->has(7)) p.mm = c->num(7);
    if (c->has(8)) p.ss = c->num(8);
    if (c->has(9) && c->text[9].find_first_not_of('0') != std::string::npos) p.fraction = true;
  }
  if (!p.hh) {
    if (auto c = take(s, clock)) {
      p.hh = c->num(1);
      p.mm = c->num(2);
      if (c->has(4)) p.ss = c->num(4);
      if (c->truthy(5)) p.zone = 0;
      if (c->truthy(6)) merid = c->text[6] == "a" ? 0 : 12;
    } else if (auto h = take(s, hour)) {
      p.hh = h->num(1);
      p.mm = 0;
      p.ss = 0;
      merid = h->text[2] == "a" ? 0 : 12;
    }
  }
  if (p.hh && *p.hh <= 12) {
    if (auto c = take(s, ampm)) merid = c->text[1] == "a" ? 0 : 12;
  }

  if (!p.year) {
    if (auto c = take(s, dmy_name)) {
      p.month = month_number(c->text[3]);
      p.day = c->num(1);
      if (c->truthy(5)) p.year = c->num(5);
    } else if (auto n = take(s, dmy_number)) {
      p.month = n->num(1) - 1;
      p.day = n->num(3);
      if (n->truthy(5)) {
        std::string year_text = n->text[5];
        p.year = n->num(5);
        if (*p.month > 12) {  // 1995-01-24
          year_text = n->text[1];
          p.year = n->num(1);
          p.month = n->num(3) - 1;
          p.day = n->num(5);
        }
        if (year_text.size() > 2 && *p.year < 1901) return std::nullopt;
      }
    } else if (auto dm = take(s, day_month)) {
      p.month = month_number(dm->text[3]);
      p.day = dm->num(1);
    } else if (auto md = take(s, month_day)) {
      p.month = month_number(md->text[1]);
      p.day = md->num(2);
    } else if (auto ms = take(s, month_slash)) {
      p.month = month_number(ms->text[1]);
      p.day = ms->num(3);
    } else if (auto y = take(s, yymmdd)) {
      p.year = y->num(1);
      p.month = y->num(2) - 1;
      p.day = y->num(3);
    }
    if (!p.year) {
      if (auto y = take(s, year_only)) p.year = y->num(1);
    }
  }

  bool dst = false;
  if (take(s, dst_word, "")) dst = true;
  auto numeric_zone = [&](const Captures& c) -> bool {
    std::int64_t m = c.has(4) ? number(c.text[2] + c.text[4]) : 0;
    std::int64_t h = number(c.text[2] + c.text[3]);
    std::int64_t zone = 0;
    if (c.has(1)) {
      auto named = zone_offset(c.text[1]);
      if (!named) return false;
      zone = *named;
    }
    p.zone = zone + 60 * (m + 60 * h);
    return true;
  };
  if (auto z = take(s, zone_name)) {
    if (z->has(2) && z->text[2] == "dst") dst = true;
    p.zone = zone_offset(z->text[1]);
    if (!p.zone) return std::nullopt;
  } else if (auto zn = take(s, zone_number)) {
    if (!numeric_zone(*zn)) return std::nullopt;
  }
  if (!blank(s)) {
    if (take(s, universal, "")) {
      p.zone = 0;
    } else if (auto zn = take(s, zone_number_plain)) {
      if (!numeric_zone(*zn)) return std::nullopt;
    }
    if (!blank(s)) return std::nullopt;
  }

  if (p.hh) {
    if (*p.hh == 12) {
      if (merid == 0) p.hh = 0;
    } else if (merid == 12) {
      *p.hh += 12;
    }
  }
  if (p.year && *p.year > 1900) {
    p.century = true;
    *p.year -= 1900;
  }
  if (p.zone && dst) *p.zone += 3600;
  return p;
}

bool digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// "[Www ]Mmm [ ]D HH:MM:SS YYYY" with single blanks (D may be padded by a
// blank), three-letter English names in any case: nullopt when text has
// another form, which then goes the general way.
std::optional<Parts> strptime_ctime(std::string_view text) {
  static constexpr std::string_view days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string s = ascii_lowered(text);
  std::string_view v = s;
  auto word = [&](std::size_t at) { return v.substr(at, 3); };
  std::size_t at = 0;
  if (v.size() >= 4 && v[3] == ' ')
    for (std::string_view d : days)
      if (word(0) == d) at = 4;
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (v.size() >= at + 4 && word(at) == months[i] && v[at + 3] == ' ') month = i;
  if (month < 0) return std::nullopt;
  at += 4;
  if (at < v.size() && v[at] == ' ') ++at;  // a day padded with a blank
  std::size_t day_len = digits(v, at, 2) ? 2 : digits(v, at, 1) ? 1 : 0;
  if (day_len == 0) return std::nullopt;
  Parts p;
  p.month = month;
  p.day = number(v.substr(at, day_len));
  at += day_len;
  if (v.size() != at + 1 + 8 + 1 + 4 || v[at] != ' ' || !digits(v, at + 1, 2) || v[at + 3] != ':' ||
      !digits(v, at + 4, 2) || v[at + 6] != ':' || !digits(v, at + 7, 2) || v[at + 9] != ' ' ||
      !digits(v, at + 10, 4))
    return std::nullopt;
  p.hh = number(v.substr(at + 1, 2));
  p.mm = number(v.substr(at + 4, 2));
  p.ss = number(v.substr(at + 7, 2));
  p.year = number(v.substr(at + 10, 4));
  if (*p.year > 1900) {
    p.century = true;
    *p.year -= 1900;
  }
  return p;
}

// Time::Local's year handling and day count.
struct Calendar {
  std::int64_t this_year, breakpoint, next_century, century, epoch_days;
  explicit Calendar(std::time_t now) {
    struct tm lt;
    localtime_r(&now, &lt);
    this_year = lt.tm_year;
    breakpoint = (this_year + 50) % 100;
    next_century = this_year - this_year % 100;
    if (breakpoint < 50) next_century += 100;
    century = next_century - 100;
    epoch_days = 0;
    epoch_days = day_number(1, 0, 70);
  }
  // _daygm: days since the epoch of mday/month/year (year - 1900).
  std::int64_t day_number(std::int64_t mday, std::int64_t month, std::int64_t year) const {
    std::int64_t m = (month + 10) % 12;
    std::int64_t y = year + 1900 - m / 10;
    return mday + (365 * y + y / 4 - y / 100 + y / 400 + (m * 306 + 5) / 10) - epoch_days;
  }
  std::int64_t seconds(const struct tm& t) const {
    return t.tm_sec + 60 * std::int64_t{t.tm_min} + 3600 * std::int64_t{t.tm_hour} +
           86400 * day_number(t.tm_mday, t.tm_mon, t.tm_year);
  }
};

bool leap(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

// Time::Local's timegm, range checks included.
std::optional<std::int64_t> timegm_checked(const Calendar& cal, std::int64_t sec, std::int64_t min,
                                           std::int64_t hour, std::int64_t mday, std::int64_t month,
                                           std::int64_t year) {
  if (year >= 1000)
    year -= 1900;
  else if (year < 100 && year >= 0)
    year += year > cal.breakpoint ? cal.century : cal.next_century;
  static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month > 11 || month < 0) return std::nullopt;
  std::int64_t md = month_days[month] + (month == 1 && leap(year + 1900) ? 1 : 0);
  if (mday > md || mday < 1 || hour > 23 || hour < 0 || min > 59 || min < 0 || sec >= 60 || sec < 0)
    return std::nullopt;
  std::int64_t days = cal.day_number(mday, month, year);
  constexpr std::int64_t max_day = 365LL * (1LL << 31);
  if (days >= max_day || -days >= max_day) return std::nullopt;
  return sec + 60 * min + 3600 * hour + 86400 * days;
}

std::int64_t local_as_utc(const Calendar& cal, std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  struct tm lt;
  localtime_r(&tt, &lt);
  return cal.seconds(lt);
}

// Time::Local's timelocal: the wall-clock time in this zone, resolved as it
// resolves the hour that repeats or is skipped when daylight saving changes.
std::optional<std::int64_t> timelocal_checked(const Calendar& cal, std::int64_t sec, std::int64_t min,
                                              std::int64_t hour, std::int64_t mday,
                                              std::int64_t month, std::int64_t year) {
  auto ref = timegm_checked(cal, sec, min, hour, mday, month, year);
  if (!ref) return std::nullopt;
  const std::int64_t ref_t = *ref;
  const std::int64_t zone_off = local_as_utc(cal, ref_t) - ref_t;
  if (zone_off == 0) return ref_t;
  std::int64_t loc_t = ref_t - zone_off;
  const std::int64_t dst_off = ref_t - local_as_utc(cal, loc_t);
  if (dst_off == 0 && (ref_t - 3600) - local_as_utc(cal, loc_t - 3600) < 0) return loc_t - 3600;
  loc_t += dst_off;
  if (dst_off > 0) return loc_t;
  std::time_t tt = static_cast<std::time_t>(loc_t);
  struct tm lt;
  localtime_r(&tt, &lt);
  if (lt.tm_sec != sec || lt.tm_min != min || lt.tm_hour != hour) loc_t -= dst_off;
  return loc_t;
}

// str2time after strptime.
std::optional<std::int64_t> to_time(Parts p, std::time_t now) {
  const Calendar cal(now);
  struct tm lt;
  localtime_r(&now, &lt);
  std::int64_t hh = p.hh.value_or(0), mm = p.mm.value_or(0), ss = p.ss.value_or(0);
  std::int64_t month = p.month ? *p.month : lt.tm_mon;
  std::int64_t day = p.day ? *p.day : lt.tm_mday;
  std::int64_t year = p.year ? *p.year : (month > lt.tm_mon ? lt.tm_year - 1 : lt.tm_year);
  if (p.century) year += 1900;
  if (!(month <= 11 && day >= 1 && day <= 31 && hh <= 23 && mm <= 59 && ss <= 59)) return std::nullopt;
  std::optional<std::int64_t> t;
  // -1 is also Date::Parse's failure value (it tells the two apart only for
  // the last second of 1969, which no mailbox holds).
  if (p.zone) {
    t = timegm_checked(cal, ss, mm, hh, day, month, year);
    if (!t || *t == -1) return std::nullopt;
    *t -= *p.zone;
  } else {
    t = timelocal_checked(cal, ss, mm, hh, day, month, year);
    if (!t || *t == -1) return std::nullopt;
  }
  if (p.fraction && *t < 0) *t += 1;  // utime drops the fraction toward zero
  return t;
}

}  // namespace

std::optional<std::int64_t> parse_loose_date(std::string_view text, std::time_t now) {
  std::optional<Parts> p = strptime_ctime(text);
  if (!p) p = strptime_general(text);
  if (!p) return std::nullopt;
  return to_time(*p, now);
}

}  // namespace vmm::fmt
