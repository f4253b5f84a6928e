// MD5 (RFC 1321), needed only to verify VMailMgr's old "3" + hex password
// hashes (SPEC §4); libcrypt has no plain MD5 and we take no other library.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace vmm::fmt {

std::array<unsigned char, 16> md5(std::string_view bytes);

// The digest as 32 lowercase hex digits.
std::string md5_hex(std::string_view bytes);

}  // namespace vmm::fmt
