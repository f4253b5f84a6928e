#include "fmt/dovecot_lua.h"

#include <optional>

#include "fmt/secret_bytes.h"
#include "sys/error.h"

namespace vmm::fmt {
namespace {


[[noreturn]] void malformed(const std::string& why) {
  throw Error(ErrorClass::usage, "request " + why);
}

// The field starting at `at`, up to its NUL; `at` moves past the NUL.
std::string_view field(std::string_view bytes, std::size_t& at, const char* name) {
  std::optional<std::string_view> f = nul_field(bytes, at);
  if (!f) malformed(std::string("has no NUL after the ") + name);
  return *f;
}

bool control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void check_name(const std::string& name, const char* what) {
  bool ok = !name.empty();
  for (char c : name) ok = ok && name_char(c);
  if (!ok) throw Error(ErrorClass::permanent, std::string("invalid ") + what + " in an answer");
}

}  // namespace

LuaRequest::~LuaRequest() { wipe(password); }

LuaRequest parse_lua_request(std::string_view bytes) {
  if (bytes.size() > kLuaRequestMax)
    malformed("is longer than " + std::to_string(kLuaRequestMax) + " bytes");
  LuaRequest req;
  std::size_t at = 0;
  req.login = field(bytes, at, "login");
  if (req.login.empty()) malformed("has an empty login");
  req.password = field(bytes, at, "password");
  req.local_ip = field(bytes, at, "local address");
  req.remote_ip = field(bytes, at, "remote address");
  req.service = field(bytes, at, "service");
  if (at != bytes.size()) malformed("has bytes after the service");
  return req;
}

std::string format_lua_answer(const LuaAnswer& answer) {
  check_name(answer.result, "result");
  std::string out = answer.result + "\t";
  for (char c : answer.message) out += control(c) ? '?' : c;
  out += '\n';
  for (const auto& [key, value] : answer.fields) {
    check_name(key, "field name");
    for (char c : value)
      if (control(c))
        throw Error(ErrorClass::permanent, "the value of " + key + " holds a control byte");
    out += key + "\t" + value + "\n";
  }
  return out;
}

}  // namespace vmm::fmt
