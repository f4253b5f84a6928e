// dovecotvpw, the helper of dovecotvpw.lua (Dovecot's Lua passdb and
// userdb, 2.3 and 2.4): one request, resolved and checked by the same code
// as checkvpw (authenticate, SPEC §5), answered in the result names and
// field names of Dovecot's Lua API.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "auth/dovecot_fields.h"
#include "auth/system.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "fmt/dovecot_lua.h"

namespace vmm::auth {

// Hooks must be done this long after the helper started; the kernel ends
// the helper at kLuaHelperEnd whatever it is doing (sys::end_process_after).
inline constexpr std::chrono::seconds kLuaHookDeadline{4};
inline constexpr std::chrono::seconds kLuaHelperEnd{5};

struct LuaSetup {
  bool userdb = false;  // a userdb lookup: no password, no hooks but loginfail/error
  DovecotVersion version = DovecotVersion::v2_3;
};

// A passdb request (a login): checkvpw's Dovecot mode without the exec.
// The connection's addresses and service become TCPLOCALIP, TCPREMOTEIP and
// SERVICE (as Dovecot's checkpassword sets them: ip-domains and the hooks
// see them) and TCPLOCALHOST is unset; after a good password USER, HOME,
// MAILDIR and the VUSER variables are set, checkvpw-presetuid runs, the
// hash is rehashed when it is legacy (as the base user), checkvpw-postsetuid
// runs, and the answer is PASSDB_RESULT_OK with user (the name Dovecot goes
// on with) and the userdb fields prefixed "userdb_" (for userdb prefetch).
// Refusals: unknown user (and a malformed login) PASSDB_RESULT_USER_UNKNOWN,
// wrong password PASSDB_RESULT_PASSWORD_MISMATCH, an alias, a disabled
// mailbox, an expired account, a refused system login
// PASSDB_RESULT_USER_DISABLED, each with the reason as the message; any
// other failure (an unreadable table, a failing hook) is
// PASSDB_RESULT_INTERNAL_FAILURE. Every failure sets CHECKVPW_ERROR and
// runs checkvpw-loginfail (refusals) or checkvpw-error (the rest).
// A userdb request checks no password and runs no presetuid/postsetuid
// hooks: USERDB_RESULT_OK with user and the fields unprefixed, every refusal
// USERDB_RESULT_USER_UNKNOWN, the rest USERDB_RESULT_INTERNAL_FAILURE.
fmt::LuaAnswer lua_login(const fmt::LuaRequest& request, const LuaSetup& setup, LoginSystem& sys,
                         const domain::UserDb& users, const domain::Config& global);

// The whole exchange, bytes to bytes: parse_lua_request, lua_login,
// format_lua_answer. A malformed request or an answer that cannot be written
// down (a home holding a newline) is a *_RESULT_INTERNAL_FAILURE answer
// with the reason; this throws only when even that cannot be built.
std::string lua_exchange(std::string_view request, const LuaSetup& setup, LoginSystem& sys,
                         const domain::UserDb& users, const domain::Config& global);

}  // namespace vmm::auth
