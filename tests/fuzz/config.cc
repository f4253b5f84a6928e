// libFuzzer target: the text of a setting file (SPEC §2) as the registry's
// types read it: string (first line), number, list. Numbers throw only
// Error(permanent); the other parsers never throw and return trimmed text.
#include <cstdint>
#include <string>

#include "domain/config_registry.h"
#include "domain/config_value.h"
#include "sys/error.h"
#include "fuzz_input.h"

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool trimmed(std::string_view s) { return s.empty() || (!blank(s.front()) && !blank(s.back())); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vmm;
  std::string_view text = fuzz::as_view(data, size);
  FUZZ_CHECK(trimmed(domain::trim_blanks(text)));
  std::string line = domain::first_line(text);
  FUZZ_CHECK(trimmed(line) && line.find('\n') == std::string::npos);
  for (const std::string& item : domain::parse_list(text)) {
    FUZZ_CHECK(!item.empty() && item[0] != '#' && trimmed(item));
    FUZZ_CHECK(item.find('\n') == std::string::npos);
  }
  // Every number setting of the registry, as Config::number would read it.
  for (const domain::Setting& s : domain::settings()) {
    if (s.type != domain::SettingType::number) continue;
    try {
      fmt::Limit n = domain::parse_number(text, std::string(s.name));
      if (n) FUZZ_CHECK(std::to_string(*n) == line || line.find_first_not_of('0') != 0);
      else FUZZ_CHECK(!line.empty() && line[0] == '-');
    } catch (const Error& e) {
      FUZZ_CHECK(e.cls() == ErrorClass::permanent);
      FUZZ_CHECK(std::string(e.what()).rfind(std::string(s.name) + ": bad number", 0) == 0);
    }
    break;  // one is enough: they share the parser, the origin only names the file
  }
  return 0;
}
