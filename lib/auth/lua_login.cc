#include "auth/lua_login.h"

#include <exception>

#include "auth/failure.h"
#include "auth/hooks.h"
#include "auth/mode.h"
#include "auth/rehash.h"
#include "auth/verify.h"
#include "fmt/checkpassword.h"
#include "sys/error.h"

namespace vmm::auth {
namespace {

std::string result(const LuaSetup& setup, const char* name) {
  return std::string(setup.userdb ? "USERDB_RESULT_" : "PASSDB_RESULT_") + name;
}

// Each refusal as Dovecot's passdb tells it; a userdb knows only "unknown".
const char* refusal_result(const Error& e) {
  const auto* refusal = dynamic_cast<const LoginRefusal*>(&e);
  switch (refusal ? refusal->verdict() : domain::Verdict::unknown) {
    case domain::Verdict::unknown: return "USER_UNKNOWN";
    case domain::Verdict::wrong_password: return "PASSWORD_MISMATCH";
    default: return "USER_DISABLED";
  }
}

void set_or_unset(LoginSystem& sys, const char* name, const std::string& value) {
  if (value.empty())
    sys.unset_env(name);
  else
    sys.set_env(name, value);
}

fmt::LuaAnswer logged_in(const fmt::LuaRequest& request, const LuaSetup& setup, LoginSystem& sys,
                         const domain::Config& global, const HookSite& site,
                         const VerifiedLogin& login) {
  const DovecotUser user = dovecot_user(login, global);
  if (!setup.userdb) {
    sys.set_env("USER", login.known_as);
    sys.set_env("HOME", user.home);
    sys.set_env("MAILDIR", user.maildir);
    apply_env(sys, account_env(login.target.account,
                               login.virtual_account() ? &login.record : nullptr));
    run_auth_hooks(sys, site, "checkvpw-presetuid");
    rehash_on_login(sys, login, request.password);
    run_auth_hooks(sys, site, "checkvpw-postsetuid");
  }
  fmt::LuaAnswer answer{result(setup, "OK"), "", {{"user", login.known_as}}};
  for (const auto& [key, value] : userdb_fields(user, setup.version))
    answer.fields.push_back({setup.userdb ? key : "userdb_" + key, value});
  return answer;
}

}  // namespace

fmt::LuaAnswer lua_login(const fmt::LuaRequest& request, const LuaSetup& setup, LoginSystem& sys,
                         const domain::UserDb& users, const domain::Config& global) {
  const AuthSetup auth{AuthMode::dovecot, setup.userdb};
  HookSite site{global, std::nullopt, {}};
  try {
    try {
      sys.unset_env("TCPLOCALHOST");
      set_or_unset(sys, "TCPLOCALIP", request.local_ip);
      set_or_unset(sys, "TCPREMOTEIP", request.remote_ip);
      set_or_unset(sys, "SERVICE", request.service);
      fmt::CheckpasswordRequest login_request;
      login_request.login = request.login;
      login_request.password = request.password;
      VerifiedLogin login = authenticate(login_request, auth, sys, users, global, site);
      sys.unset_env("CHECKVPW_ERROR");
      return logged_in(request, setup, sys, global, site, login);
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {  // bad_alloc and the like
      throw Error(ErrorClass::temporary, e.what());
    }
  } catch (const Error& e) {
    report_failure(sys, site, auth, e);
    if (e.cls() != ErrorClass::bad_login) return {result(setup, "INTERNAL_FAILURE"), e.what(), {}};
    return {result(setup, setup.userdb ? "USER_UNKNOWN" : refusal_result(e)), e.what(), {}};
  }
}

std::string lua_exchange(std::string_view request, const LuaSetup& setup, LoginSystem& sys,
                         const domain::UserDb& users, const domain::Config& global) {
  fmt::LuaAnswer answer;
  try {
    answer = lua_login(fmt::parse_lua_request(request), setup, sys, users, global);
    return fmt::format_lua_answer(answer);
  } catch (const Error& e) {
    answer = {result(setup, "INTERNAL_FAILURE"), e.what(), {}};
  }
  return fmt::format_lua_answer(answer);
}

}  // namespace vmm::auth
