#include "fmt/maildirsize.h"

#include <limits>

namespace vmm::fmt {

namespace {

constexpr std::uint64_t kMax64 = std::numeric_limits<std::uint64_t>::max();

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decimal digits at s[i...]; false when there are none or the value does not fit.
bool take_digits(std::string_view s, std::size_t& i, std::uint64_t& out) {
  std::size_t start = i;
  out = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    unsigned d = static_cast<unsigned>(s[i] - '0');
    if (out > (kMax64 - d) / 10) return false;
    out = out * 10 + d;
  }
  return i > start;
}

// An optionally signed integer; blanks before it are skipped, as scanf does.
bool take_integer(std::string_view s, std::size_t& i, std::int64_t& out) {
  while (i < s.size() && is_blank(s[i])) ++i;
  bool negative = i < s.size() && s[i] == '-';
  if (negative || (i < s.size() && s[i] == '+')) ++i;
  std::uint64_t magnitude;
  if (!take_digits(s, i, magnitude)) return false;
  if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return false;
  out = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

bool parse_change(std::string_view line, std::int64_t& bytes, std::int64_t& count) {
  std::size_t i = 0;
  if (!take_integer(line, i, bytes)) return false;
  if (i >= line.size() || !is_blank(line[i])) return false;
  if (!take_integer(line, i, count)) return false;
  while (i < line.size() && is_blank(line[i])) ++i;
  return i == line.size();
}

bool add_checked(std::int64_t& sum, std::int64_t v) { return !__builtin_add_overflow(sum, v, &sum); }

}  // namespace

std::string format_quota_definition(const QuotaLimits& limits) {
  std::string out;
  if (limits.bytes && *limits.bytes != 0) out = std::to_string(*limits.bytes) + "S";
  if (limits.count && *limits.count != 0) {
    if (!out.empty()) out += ',';
    out += std::to_string(*limits.count) + "C";
  }
  return out.empty() ? "0S" : out;
}

std::optional<QuotaLimits> parse_quota_definition(std::string_view line) {
  QuotaLimits limits;
  while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
  if (line.empty()) return limits;
  for (;;) {
    std::size_t comma = line.find(',');
    std::string_view item = line.substr(0, comma);
    std::size_t i = 0;
    std::uint64_t value;
    if (!take_digits(item, i, value) || i + 1 != item.size()) return std::nullopt;
    Limit limit = value == 0 ? Limit() : Limit(value);
    if (item[i] == 'S') limits.bytes = limit;
    else if (item[i] == 'C') limits.count = limit;
    else return std::nullopt;
    if (comma == std::string_view::npos) return limits;
    line.remove_prefix(comma + 1);
  }
}

std::optional<MaildirSize> parse_maildirsize(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return std::nullopt;
  std::size_t end = text.rfind('\n');  // a last line without '\n' is still being written
  if (end == std::string_view::npos) return std::nullopt;
  text = text.substr(0, end + 1);

  std::size_t nl = text.find('\n');
  std::optional<QuotaLimits> limits = parse_quota_definition(text.substr(0, nl));
  if (!limits) return std::nullopt;
  MaildirSize out;
  out.limits = *limits;
  for (std::size_t pos = nl + 1; pos < text.size();) {
    std::size_t next = text.find('\n', pos);
    std::int64_t bytes, count;
    if (!parse_change(text.substr(pos, next - pos), bytes, count)) return std::nullopt;
    if (!add_checked(out.bytes, bytes) || !add_checked(out.count, count)) return std::nullopt;
    ++out.change_lines;
    pos = next + 1;
  }
  if (out.bytes < 0 || out.count < 0) return std::nullopt;
  return out;
}

std::string format_quota_change(std::int64_t bytes, std::int64_t count) {
  return std::to_string(bytes) + " " + std::to_string(count) + "\n";
}

std::string format_maildirsize(const QuotaLimits& limits, std::uint64_t bytes,
                               std::uint64_t count) {
  return format_quota_definition(limits) + "\n" + std::to_string(bytes) + " " +
         std::to_string(count) + "\n";
}

}  // namespace vmm::fmt
