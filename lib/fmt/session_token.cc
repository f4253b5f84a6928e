#include "fmt/session_token.h"

#include <charconv>
#include <vector>

#include "fmt/sha256.h"

namespace vmm::fmt {
namespace {

std::string to_hex(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view s) {
  if (s.size() % 2) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(s.data() + i, s.data() + i + 2, v, 16);
    if (ec != std::errc() || p != s.data() + i + 2 || s[i] == '+' || s[i] == '-')
      return std::nullopt;
    out.push_back(static_cast<char>(v));
  }
  return out;
}

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string session_token_make(std::string_view key, const SessionClaims& c) {
  std::string body = "v1." + to_hex(c.domain) + "." + to_hex(c.user) + "." +
                     (c.admin ? "a" : "o") + "." + std::to_string(c.expires) + "." +
                     to_hex(c.stamp);
  return body + "." + sha256_hex(hmac_sha256(key, body));
}

std::optional<SessionClaims> session_token_check(std::string_view key, std::string_view token,
                                                 std::int64_t now) {
  if (token.size() > 4096) return std::nullopt;
  std::size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view body = token.substr(0, dot);
  if (!same(token.substr(dot + 1), sha256_hex(hmac_sha256(key, body)))) return std::nullopt;
  std::vector<std::string_view> f;
  for (std::size_t start = 0;;) {
    std::size_t d = body.find('.', start);
    f.push_back(body.substr(start, d - start));
    if (d == std::string_view::npos) break;
    start = d + 1;
  }
  if (f.size() != 6 || f[0] != "v1" || (f[3] != "a" && f[3] != "o")) return std::nullopt;
  SessionClaims c;
  auto domain = from_hex(f[1]), user = from_hex(f[2]), stamp = from_hex(f[5]);
  if (!domain || !user || !stamp) return std::nullopt;
  auto [p, ec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), c.expires);
  if (ec != std::errc() || p != f[4].data() + f[4].size() || f[4].empty()) return std::nullopt;
  if (c.expires <= now) return std::nullopt;
  c.domain = *domain;
  c.user = *user;
  c.admin = f[3] == "a";
  c.stamp = *stamp;
  return c;
}

}  // namespace vmm::fmt
