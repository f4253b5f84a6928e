#include "web/cookie.h"

#include "sys/error.h"

namespace vmm::web {
namespace {

// RFC 6265 cookie-octet: visible ASCII but for " , ; and backslash.
bool cookie_octets(std::string_view s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string set_cookie(std::string_view name, std::string_view value, const CookieFlags& flags) {
  if (name.empty() || !cookie_octets(name) || name.find('=') != std::string_view::npos ||
      !cookie_octets(value))
    throw Error(ErrorClass::usage, "a cookie cannot carry this name or value");
  std::string s;
  s.append(name).append("=").append(value).append("; Path=/; HttpOnly; SameSite=Strict");
  if (flags.secure) s += "; Secure";
  if (flags.max_age >= 0) s += "; Max-Age=" + std::to_string(flags.max_age);
  return s;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::size_t semi = header.find(';');
    std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim(pair.substr(0, eq)) == name) return std::string(trim(pair.substr(eq + 1)));
  }
  return std::nullopt;
}

}  // namespace vmm::web
