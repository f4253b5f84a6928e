// CRC-32 exactly as zlib computes it; account directories are hashed with it
// (SPEC §3.3), so the value must match what VMailMgr stored on disk.
#pragma once
#include <cstdint>
#include <string_view>

namespace vmm::fmt {

// Reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF.
// crc32("123456789") == 0xCBF43926, crc32("") == 0.
std::uint32_t crc32(std::string_view bytes);

}  // namespace vmm::fmt
