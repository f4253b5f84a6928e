// The bytes between dovecotvpw.lua, which Dovecot runs, and its helper
// program dovecotvpw: the request on the helper's stdin (it holds the
// password, so it never goes through a command line or the environment)
// and the answer the helper writes into a file the Lua made.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vmm::fmt {

// Above Dovecot's own limit for an authentication line (16 KiB): whatever a
// client got through Dovecot fits.
inline constexpr std::size_t kLuaRequestMax = 16384;

// "login NUL password NUL local-ip NUL remote-ip NUL service NUL": Dovecot's
// req.user, the password (empty for a userdb lookup), req.local_ip,
// req.remote_ip, the protocol (2.3: req.service, 2.4: req.protocol). The
// password is wiped when the request dies; move-only, so no unwiped copy
// is made by accident.
struct LuaRequest {
  std::string login, password, local_ip, remote_ip, service;

  LuaRequest() = default;
  LuaRequest(LuaRequest&&) = default;
  LuaRequest& operator=(LuaRequest&&) = default;
  LuaRequest(const LuaRequest&) = delete;
  LuaRequest& operator=(const LuaRequest&) = delete;
  ~LuaRequest();
};

// Error(usage, "request ...") for anything else: more than kLuaRequestMax
// bytes, a field without its NUL, an empty login, bytes after the last
// field. The message never quotes the input (it holds the password).
LuaRequest parse_lua_request(std::string_view bytes);

// What the helper hands back: a result named as in Dovecot's Lua API
// ("PASSDB_RESULT_OK", "USERDB_RESULT_USER_UNKNOWN" ...), a message for a
// failure, and the fields of a success in order.
struct LuaAnswer {
  std::string result;
  std::string message;
  std::vector<std::pair<std::string, std::string>> fields;
  bool operator==(const LuaAnswer&) const = default;
};

// "RESULT TAB MESSAGE LF", then "KEY TAB VALUE LF" per field. A control
// byte in the message becomes '?' (it is only for the log). A result or key
// that is empty or not [a-z0-9_A-Z], or a value holding a control byte,
// could not be read back as it was meant: Error(permanent, naming the field).
std::string format_lua_answer(const LuaAnswer& answer);

}  // namespace vmm::fmt
