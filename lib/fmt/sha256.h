// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for the web pages'
// signed session tokens (SPEC §18); libcrypt offers no plain hash and we
// take no other library.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace vmm::fmt {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view bytes);

// HMAC with SHA-256; a key longer than the 64-byte block is hashed first.
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// The digest as 64 lowercase hex digits.
std::string sha256_hex(const Sha256Digest& digest);

}  // namespace vmm::fmt
