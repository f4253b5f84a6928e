#include "domain/control_edit.h"

#include "domain/config_value.h"
#include "domain/virtualdomains.h"

namespace vmm::domain {
namespace {

// The key of one raw line (without its '\n'): "" for blanks and comments.
std::string key_of(std::string_view line, ControlFile kind) {
  std::string_view t = trim_blanks(line);
  if (t.empty() || t.front() == '#') return "";
  if (kind == ControlFile::virtualdomains) {
    std::size_t colon = t.find(':');
    if (colon == std::string_view::npos) return "";
    t = trim_blanks(t.substr(0, colon));
  }
  return lowercase(t);
}

// Calls f(line, key) for each line of text (without its '\n').
template <typename F>
void each_line(std::string_view text, ControlFile kind, F f) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view whole = text.substr(at, end - at);
    std::string_view line = whole.substr(0, whole.size() - (nl == std::string_view::npos ? 0 : 1));
    f(whole, line, key_of(line, kind));
    at = end;
  }
}

}  // namespace

std::optional<std::string> virtual_domain_line(std::string_view virtualdomains,
                                               std::string_view domain) {
  const std::string want = lowercase(domain);
  std::optional<std::string> base;
  each_line(virtualdomains, ControlFile::virtualdomains,
            [&](std::string_view, std::string_view line, const std::string& key) {
              if (key.empty() || key != want) return;
              std::string_view value = trim_blanks(line.substr(line.find(':') + 1));
              if (!value.empty()) base = std::string(value);
            });
  return base;
}

bool lists_domain(std::string_view rcpthosts, std::string_view domain) {
  const std::string want = lowercase(domain);
  bool found = false;
  each_line(rcpthosts, ControlFile::rcpthosts,
            [&](std::string_view, std::string_view, const std::string& key) {
              found = found || (!key.empty() && key == want);
            });
  return found;
}

std::string with_line(std::string_view text, std::string_view line) {
  std::string out(text);
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += line;
  out += '\n';
  return out;
}

std::string without_domain(std::string_view text, std::string_view domain, ControlFile kind) {
  const std::string want = lowercase(domain);
  std::string out;
  each_line(text, kind, [&](std::string_view whole, std::string_view, const std::string& key) {
    if (key.empty() || key != want) out += whole;
  });
  return out;
}

}  // namespace vmm::domain
