// The aliases(5) format of sendmail, which linuxconf kept per virtual
// domain: "NAME: TARGET, TARGET", a line starting with a blank continues the
// one before, '#' starts a comment line. A target may be quoted ("|prog").
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::import {

struct AliasEntry {
  std::size_t line;  // where NAME is
  std::string name;
  std::vector<std::string> targets;  // trimmed, quotes removed, in order
};

// Entries in file order; malformed lines (no ':' after the name) are given
// with an empty name and the whole line as their one target, so the caller
// can report them.
std::vector<AliasEntry> parse_aliases(std::string_view text);

}  // namespace vmm::import
