// Edits of qmail's control files for vadddomain and vdeldomain (SPEC §20):
// the line of one domain added to or removed from control/virtualdomains
// ("domain:base") and control/rcpthosts ("domain"). Every other byte of a
// file — comments, blank lines, other domains, their order — stays as it
// was. Lines are read as checkvpw and qmail read them (trimmed, '#'
// comments skipped, keys compared lowercased).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace vmm::domain {

enum class ControlFile {
  virtualdomains,  // "domain:base" lines, keyed by what is before the ':'
  rcpthosts,       // "domain" lines
};

// The base user of domain's own line in virtualdomains text (the key is
// exactly domain; suffix lines ".domain" do not count); the last such line
// wins, as for qmail. nullopt when there is none.
std::optional<std::string> virtual_domain_line(std::string_view virtualdomains,
                                               std::string_view domain);

// Whether rcpthosts text holds a line for domain.
bool lists_domain(std::string_view rcpthosts, std::string_view domain);

// text with line and a newline appended (a missing final newline first).
std::string with_line(std::string_view text, std::string_view line);

// text without every line whose key is domain.
std::string without_domain(std::string_view text, std::string_view domain, ControlFile kind);

}  // namespace vmm::domain
