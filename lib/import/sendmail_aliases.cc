#include "import/sendmail_aliases.h"

#include "import/source.h"

namespace vmm::import {
namespace {

std::string_view trim(std::string_view s) {
  std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string unquoted(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

// Targets separated by commas outside quotes.
void add_targets(std::string_view list, std::vector<std::string>& out) {
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && list[i] == '"') quoted = !quoted;
    if (i == list.size() || (list[i] == ',' && !quoted)) {
      std::string_view t = trim(list.substr(start, i - start));
      if (!t.empty()) out.push_back(unquoted(t));
      start = i + 1;
    }
  }
}

}  // namespace

std::vector<AliasEntry> parse_aliases(std::string_view text) {
  std::vector<AliasEntry> entries;
  bool continuing = false;
  for (const TextLine& l : text_lines(text)) {
    std::string_view line = l.text;
    if (!line.empty() && line.front() == '#') {
      continuing = false;
      continue;
    }
    if (trim(line).empty()) {
      continuing = false;
      continue;
    }
    if ((line.front() == ' ' || line.front() == '\t') && continuing) {
      add_targets(line, entries.back().targets);
      continue;
    }
    std::size_t colon = line.find(':');
    std::string_view name = colon == std::string_view::npos ? "" : trim(line.substr(0, colon));
    if (name.empty()) {
      entries.push_back({l.number, "", {std::string(trim(line))}});
      continuing = false;
      continue;
    }
    entries.push_back({l.number, unquoted(name), {}});
    add_targets(line.substr(colon + 1), entries.back().targets);
    continuing = true;
  }
  return entries;
}

}  // namespace vmm::import
