#include "courier/answer.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <optional>

#include "admin/account_password.h"
#include "auth/hooks.h"
#include "auth/rehash.h"
#include "auth/verify.h"
#include "courier/enumerate.h"
#include "courier/system.h"
#include "courier/userinfo.h"
#include "domain/password.h"
#include "fmt/checkpassword.h"
#include "sys/error.h"

namespace vmm::courier {
namespace {

constexpr std::string_view kLoginFailHook = "authvmailmgr-loginfail";
constexpr const char* kErrorVar = "AUTHVMAILMGR_ERROR";

// What a client sent, fit for a log line only when it is short and plain.
std::string loggable(std::string_view s) {
  const bool plain = !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return c > 0x20 && c < 0x7f;
  });
  return plain ? "'" + std::string(s) + "'" : "(not shown)";
}

// The refused login's hooks. They cannot change the answer: a hook that
// fails or cannot run is only reported.
void login_failed(auth::LoginSystem& sys, const auth::HookSite& site, const Error& why) {
  try {
    sys.set_env(kErrorVar, why.what());
    auth::run_auth_hooks(sys, site, kLoginFailHook);
  } catch (const std::exception& e) {
    sys.warn(e.what());
  }
  try {
    sys.unset_env(kErrorVar);
  } catch (const std::exception& e) {
    sys.warn(e.what());
  }
}

fmt::CheckpasswordRequest credentials(const fmt::AuthpipeRequest& request) {
  fmt::CheckpasswordRequest c;
  c.login = request.login;
  c.password = request.password;
  return c;
}

auth::VerifiedLogin verify(const fmt::CheckpasswordRequest& credentials, bool lookup,
                           auth::LoginSystem& sys, const domain::UserDb& users,
                           const domain::Config& global, auth::HookSite& site) {
  return auth::authenticate(credentials, auth::AuthSetup{auth::AuthMode::classic, lookup}, sys,
                            users, global, site);
}

std::string fail(auth::LoginSystem& sys, const std::string& message) {
  sys.warn(message);
  return std::string(fmt::kAuthpipeFail);
}

// PRE (lookup) and AUTH.
std::string login_reply(const fmt::AuthpipeRequest& request, bool lookup, auth::LoginSystem& sys,
                        const domain::UserDb& users, const domain::Config& global) {
  const char* what = lookup ? "lookup failed: " : "login failed: ";
  auth::HookSite site{global, std::nullopt, {}};
  const fmt::CheckpasswordRequest c = credentials(request);
  try {
    const auth::VerifiedLogin login = verify(c, lookup, sys, users, global, site);
    if (!lookup) auth::rehash_on_login(sys, login, c.password);
    return fmt::format_authpipe_userinfo(userinfo_fields(login, global));
  } catch (const Error& e) {
    if (e.cls() != ErrorClass::bad_login) return fail(sys, what + std::string(e.what()));
    std::string reply = fail(sys, what + std::string(e.what()));
    if (!lookup) login_failed(sys, site, e);
    return reply;
  }
}

// The table is the base user's: written as it, never as root.
void as_base_user(auth::LoginSystem& sys, const domain::BaseUser& base,
                  const std::function<void()>& fn) {
  const uid_t me = sys.uid();
  if (me == base.uid)
    fn();
  else if (me == 0)
    sys.borrow(sys::Identity{base.name, base.uid, base.gid}, fn);
  else
    throw Error(ErrorClass::temporary, "unable to write the table of " + base.name +
                                           ": running as uid " + std::to_string(me));
}

std::string change_password(const fmt::AuthpipeRequest& request, auth::LoginSystem& sys,
                            const domain::UserDb& users, const domain::Config& global) {
  auth::HookSite site{global, std::nullopt, {}};
  const fmt::CheckpasswordRequest c = credentials(request);
  std::optional<auth::VerifiedLogin> login;
  try {
    login.emplace(verify(c, false, sys, users, global, site));
  } catch (const Error& e) {
    std::string reply = fail(sys, "password change refused: " + std::string(e.what()));
    if (e.cls() == ErrorClass::bad_login) login_failed(sys, site, e);
    return reply;
  }
  try {
    if (!login->virtual_account())
      throw Error(ErrorClass::permanent, "system user: its password is not kept by vmailmgr");
    std::string hash = domain::hash_new_password(request.new_password);
    as_base_user(sys, login->target.base,
                 [&] { admin::set_password(*login->domain, login->target.account, hash); });
  } catch (const Error& e) {
    return fail(sys, "password change failed: " + login->known_as + ": " + e.what());
  }
  sys.warn("password changed: " + login->known_as);
  return std::string(fmt::kAuthpipeOk);
}

}  // namespace

std::string answer(const fmt::AuthpipeRequest& request, auth::LoginSystem& process,
                   const domain::UserDb& users, const domain::Config& global) {
  CourierLoginSystem sys(process);
  try {
    switch (request.command) {
      case fmt::AuthpipeCommand::bad:
        return fail(sys, "bad request: " + request.problem);
      case fmt::AuthpipeCommand::pre:
        return login_reply(request, true, sys, users, global);
      case fmt::AuthpipeCommand::auth:
        if (request.authtype != "login")
          return fail(sys, "login failed: authtype " + loggable(request.authtype) +
                               " is not supported (only login)");
        return login_reply(request, false, sys, users, global);
      case fmt::AuthpipeCommand::passwd:
        return change_password(request, sys, users, global);
      case fmt::AuthpipeCommand::enumerate:
        return enumerate_accounts(sys, users, global);
    }
  } catch (const std::exception& e) {  // bad_alloc, an unreadable control file, ...
    return fail(sys, std::string("request failed: ") + e.what());
  }
  return fail(sys, "request failed: unknown command");
}

}  // namespace vmm::courier
