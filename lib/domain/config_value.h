// How the text of one setting file becomes a value (SPEC §2). The same rules
// apply to the built-in defaults, which are written as file text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"

namespace vmm::domain {

// Blanks (space, tab, CR, VT, FF) removed from both ends.
std::string_view trim_blanks(std::string_view text);

// The first line (up to '\n'), trimmed. An empty first line is an empty value.
std::string first_line(std::string_view text);

// The trimmed first line: a leading '-' is unlimited (nullopt), otherwise
// decimal digits only, fitting 64 bits. Anything else throws
// Error(permanent, "<origin>: bad number '<text>'"); origin names the file.
fmt::Limit parse_number(std::string_view text, const std::string& origin);

// Every line, trimmed, that is non-empty and does not start with '#'.
std::vector<std::string> parse_list(std::string_view text);

}  // namespace vmm::domain
