#include "fmt/secret_bytes.h"

#include <string.h>  // explicit_bzero

namespace vmm::fmt {

void wipe(std::string& s) {
  s.resize(s.capacity());
  explicit_bzero(s.data(), s.size());
  s.clear();
}

void wipe_front(std::string& s, std::size_t n) {
  if (n > s.size()) n = s.size();
  const std::size_t rest = s.size() - n;
  if (rest > 0) memmove(s.data(), s.data() + n, rest);
  explicit_bzero(s.data() + rest, n);
  s.resize(rest);
}

std::optional<std::string_view> nul_field(std::string_view bytes, std::size_t& at) {
  const std::size_t nul = bytes.find('\0', at);
  if (nul == std::string_view::npos) return std::nullopt;
  std::string_view f = bytes.substr(at, nul - at);
  at = nul + 1;
  return f;
}

}  // namespace vmm::fmt
