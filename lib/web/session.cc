#include "web/session.h"

#include <vector>

namespace vmm::web {
namespace {

std::optional<std::string> from_hex(std::string_view s) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (s.size() % 2) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int hi = digit(s[i]), lo = digit(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

std::optional<WebSession> session_of_token(std::string_view token) {
  if (token.empty() || token.size() > 4096) return std::nullopt;
  std::vector<std::string_view> f;
  for (std::size_t start = 0;;) {
    std::size_t d = token.find('.', start);
    f.push_back(token.substr(start, d - start));
    if (d == std::string_view::npos) break;
    start = d + 1;
  }
  if (f.size() != 7 || f[0] != "v1" || (f[3] != "a" && f[3] != "o")) return std::nullopt;
  auto domain = from_hex(f[1]), user = from_hex(f[2]);
  if (!domain || !user || domain->empty()) return std::nullopt;
  const bool admin = f[3] == "a";
  // an administrator's token names no account, an account's token one
  if (admin != user->empty()) return std::nullopt;
  return WebSession{std::string(token), *domain, *user, admin};
}

}  // namespace vmm::web
