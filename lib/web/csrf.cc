#include "web/csrf.h"

#include <vector>

#include "domain/password.h"
#include "fmt/sha256.h"

namespace vmm::web {
namespace {

// "v1.D.U.A.EXPIRES.STAMP.MAC" (fmt/session_token.h) without EXPIRES and
// MAC; anything shaped otherwise is used whole (the daemon refuses it anyway).
std::string session_identity(std::string_view token) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (;;) {
    const std::size_t dot = token.find('.', from);
    parts.push_back(token.substr(from, dot == std::string_view::npos ? dot : dot - from));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  if (parts.size() != 7) return std::string(token);
  std::string id;
  for (std::size_t i : {0, 1, 2, 3, 5}) {
    id += parts[i];
    id += '.';
  }
  return id;
}

}  // namespace

std::string csrf_token(std::string_view session_token, std::string_view action) {
  return fmt::sha256_hex(fmt::hmac_sha256(session_identity(session_token), action));
}

bool csrf_valid(std::string_view session_token, std::string_view action, std::string_view given) {
  if (session_token.empty()) return false;
  return domain::equal_constant_time(csrf_token(session_token, action), given);
}

}  // namespace vmm::web
