#include "domain/config_value.h"

#include <charconv>

#include "sys/error.h"

namespace vmm::domain {

namespace {
constexpr std::string_view kBlanks = " \t\r\v\f";
}

std::string_view trim_blanks(std::string_view text) {
  std::size_t begin = text.find_first_not_of(kBlanks);
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(kBlanks);
  return text.substr(begin, end - begin + 1);
}

std::string first_line(std::string_view text) {
  return std::string(trim_blanks(text.substr(0, text.find('\n'))));
}

fmt::Limit parse_number(std::string_view text, const std::string& origin) {
  std::string line = first_line(text);
  if (!line.empty() && line[0] == '-') return std::nullopt;
  std::uint64_t value = 0;
  const char* end = line.data() + line.size();
  // from_chars alone would accept a prefix ("12abc"), so also demand it used
  // every character; it rejects a sign, blanks and overflow by itself.
  auto [stop, ec] = std::from_chars(line.data(), end, value, 10);
  if (line.empty() || ec != std::errc() || stop != end)
    throw Error(ErrorClass::permanent, origin + ": bad number '" + line + "'");
  return value;
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view item = trim_blanks(text.substr(0, nl));
    if (!item.empty() && item[0] != '#') items.emplace_back(item);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return items;
}

}  // namespace vmm::domain
