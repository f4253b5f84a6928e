// The CDB hash (D. J. Bernstein): bytes are taken unsigned, always.
#pragma once
#include <cstdint>
#include <string_view>

namespace vmm::fmt {

inline std::uint32_t cdb_hash(std::string_view key) {
  std::uint32_t h = 5381;
  for (unsigned char c : key) h = ((h << 5) + h) ^ c;
  return h;
}

}  // namespace vmm::fmt
