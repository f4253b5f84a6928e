// dovecotvpw --serve: one helper process per Dovecot auth worker instead of
// one per login. The script starts it once (io.popen, reading its standard
// output), writes the requests into a private FIFO the helper made
// (sys/private_fifo.h) and reads each answer back, ended by an empty line.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "auth/system.h"
#include "fmt/dovecot_lua.h"

namespace vmm::auth {

// "passdb" or "userdb", NUL, then the request of fmt/dovecot_lua.h.
inline constexpr std::size_t kLuaServeRequestMax = fmt::kLuaRequestMax + 7;

// The answer to one request: userdb true for a userdb lookup, request the
// bytes after the kind (for lua_exchange).
using LuaServeAnswer = std::function<std::string(bool userdb, std::string_view request)>;

// Reads requests from `in` until end of file (0 returned: the script is
// gone); each complete one is answered on `out` (the answer, then an empty
// line). What was read is wiped as soon as it is answered. Framing that is
// lost — a request longer than kLuaServeRequestMax, an unknown kind — is
// Error(usage): the caller ends and the script starts a new helper.
void serve_lua(int in, int out, const LuaServeAnswer& answer);

// The process's login system for one request of a helper that serves many:
// every environment change made through it (TCPLOCALIP, USER, VUSER_*,
// CHECKVPW_ERROR ...) is undone when it goes, so the next request's hooks
// see nothing of this one. Everything else goes to `process`.
class RequestLoginSystem final : public DelegatingLoginSystem {
 public:
  explicit RequestLoginSystem(LoginSystem& process) : DelegatingLoginSystem(process) {}
  ~RequestLoginSystem() override;
  RequestLoginSystem(const RequestLoginSystem&) = delete;
  RequestLoginSystem& operator=(const RequestLoginSystem&) = delete;

  void set_env(const std::string& name, const std::string& value) override;
  void unset_env(const std::string& name) override;

 private:
  void remember(const std::string& name);
  std::map<std::string, std::optional<std::string>> before_;  // the first value seen
};

}  // namespace vmm::auth
