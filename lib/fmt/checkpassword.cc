#include "fmt/checkpassword.h"

#include <optional>

#include "fmt/secret_bytes.h"
#include "sys/error.h"

namespace vmm::fmt {
namespace {


[[noreturn]] void malformed(const std::string& why) {
  throw Error(ErrorClass::usage, "checkpassword input " + why);
}

// The field starting at `at`, up to its NUL; `at` moves past the NUL.
std::string_view field(std::string_view bytes, std::size_t& at, const char* name) {
  std::optional<std::string_view> f = nul_field(bytes, at);
  if (!f) malformed(std::string("has no NUL after the ") + name);
  return *f;
}

}  // namespace

CheckpasswordRequest::~CheckpasswordRequest() {
  wipe(password);
  wipe(timestamp);
}

CheckpasswordRequest parse_checkpassword(std::string_view bytes) {
  if (bytes.size() > kCheckpasswordMax)
    malformed("is longer than " + std::to_string(kCheckpasswordMax) + " bytes");
  if (bytes.empty()) malformed("is empty");
  if (bytes.find('\0') == std::string_view::npos) malformed("holds no NUL byte");
  CheckpasswordRequest req;
  std::size_t at = 0;
  req.login = field(bytes, at, "login");
  if (req.login.empty()) malformed("has an empty login");
  req.password = field(bytes, at, "password");
  if (at == bytes.size()) return req;
  req.timestamp = field(bytes, at, "timestamp");
  req.has_timestamp = true;
  if (at != bytes.size()) malformed("has bytes after the timestamp");
  return req;
}

}  // namespace vmm::fmt
