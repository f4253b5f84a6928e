// ASCII case: mail names (header fields, domains, account names, Maildir
// markers) compare without regard to case in ASCII only; bytes outside
// A-Z are never changed, whatever the locale.
#pragma once
#include <string>
#include <string_view>

namespace vmm::fmt {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// text with A-Z made a-z.
std::string ascii_lowered(std::string_view text);

bool equal_nocase(std::string_view a, std::string_view b);
bool starts_with_nocase(std::string_view text, std::string_view prefix);
bool contains_nocase(std::string_view text, std::string_view part);

}  // namespace vmm::fmt
