#include "auth/lua_serve.h"

#include "fmt/secret_bytes.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/fd_wait.h"

namespace vmm::auth {
namespace {

constexpr std::size_t kReadChunk = 4096;
constexpr int kFields = 6;  // kind + the five of fmt::LuaRequest

// The end of the first complete request in buf (just past its sixth NUL), or 0.
std::size_t request_end(const std::string& buf) {
  int nuls = 0;
  for (std::size_t i = 0; i < buf.size(); ++i)
    if (buf[i] == '\0' && ++nuls == kFields) return i + 1;
  return 0;
}

}  // namespace

void serve_lua(int in, int out, const LuaServeAnswer& answer) {
  std::string buf;
  struct Wipe {
    std::string& s;
    ~Wipe() { fmt::wipe(s); }
  } wipe{buf};
  buf.reserve(kLuaServeRequestMax + kReadChunk);  // no reallocation leaves a copy behind
  for (;;) {
    if (sys::read_some(in, buf, kReadChunk, "the request FIFO") == 0) return;
    for (std::size_t end; (end = request_end(buf)) != 0;) {
      const std::string_view request(buf.data(), end);
      const std::size_t kind_end = request.find('\0');
      const std::string_view kind = request.substr(0, kind_end);
      if (kind != "passdb" && kind != "userdb")
        throw Error(ErrorClass::usage, "a request of an unknown kind");
      std::string text = answer(kind == "userdb", request.substr(kind_end + 1));
      text += '\n';
      fmt::wipe_front(buf, end);
      sys::write_all(out, text, "the answer pipe");
    }
    if (buf.size() > kLuaServeRequestMax)
      throw Error(ErrorClass::usage,
                  "a request longer than " + std::to_string(kLuaServeRequestMax) + " bytes");
  }
}

RequestLoginSystem::~RequestLoginSystem() {
  for (const auto& [name, value] : before_) {
    try {
      if (value)
        inner_.set_env(name, *value);
      else
        inner_.unset_env(name);
    } catch (...) {  // a value set before can be set again; nothing else to do here
    }
  }
}

void RequestLoginSystem::remember(const std::string& name) {
  if (!before_.count(name)) before_.emplace(name, inner_.env(name));
}

void RequestLoginSystem::set_env(const std::string& name, const std::string& value) {
  remember(name);
  inner_.set_env(name, value);
}

void RequestLoginSystem::unset_env(const std::string& name) {
  remember(name);
  inner_.unset_env(name);
}

}  // namespace vmm::auth
