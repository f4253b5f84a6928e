// Looking into produced text (pages, messages) in the unit tests.
#pragma once
#include <string_view>

namespace vmm::testing {

// part occurs somewhere in s.
inline bool has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace vmm::testing
