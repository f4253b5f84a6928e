// Shared by the libFuzzer targets: splitting one fuzz input into parts and
// aborting loudly when a property the library promises does not hold.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace vmm::fuzz {

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at every occurrence of sep, always exactly n parts (missing
// ones are empty, the last one keeps any further separators). Lets one flat
// byte string drive a parser plus the queries made against its result.
inline std::vector<std::string_view> split_parts(std::string_view in, char sep, std::size_t n) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < n) {
    auto at = in.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(in.substr(0, at));
    in.remove_prefix(at + 1);
  }
  parts.push_back(in);
  while (parts.size() < n) parts.emplace_back();
  return parts;
}

// A broken promise is a finding: abort so libFuzzer saves the input.
#define FUZZ_CHECK(cond)                                                      \
  do {                                                                        \
    if (!(cond)) {                                                            \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                                    \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

}  // namespace vmm::fuzz
