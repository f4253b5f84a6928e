#include "web/csrf.h"

#include "domain/password.h"
#include "fmt/sha256.h"

namespace vmm::web {

std::string csrf_token(std::string_view session_token, std::string_view action) {
  return fmt::sha256_hex(fmt::hmac_sha256(session_token, action));
}

bool csrf_valid(std::string_view session_token, std::string_view action, std::string_view given) {
  if (session_token.empty()) return false;
  return domain::equal_constant_time(csrf_token(session_token, action), given);
}

}  // namespace vmm::web
