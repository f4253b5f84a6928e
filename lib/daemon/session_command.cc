// session (see commands.h).
#include <stdexcept>
#include <string>

#include "daemon/commands.h"
#include "daemon/session_key.h"
#include "fmt/session_token.h"
#include "sys/error.h"

namespace vmm::daemon {

Answer session_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  if (!ctx.keys) throw Error(ErrorClass::permanent, "this server gives no session tokens");
  // As root, before any authentication makes us the base user; a key file
  // that cannot be used refuses sessions here, whatever the password.
  const std::string& key = ctx.keys->key();
  const std::int64_t idle = session_idle_seconds(ctx.global);
  const bool admin = a[1].empty();
  Authorized who = admin ? authorize_domain(ctx, a[0], a[2])
                         : authorize_account(ctx, a[0], a[1], a[2], Allowed::own);
  fmt::SessionClaims claims;
  claims.domain = who.domain_name;
  claims.user = admin ? "" : who.account;
  claims.admin = admin;
  claims.expires = static_cast<std::int64_t>(ctx.sys.now()) + idle;
  claims.stamp = who.stamp;
  // Read with the key before the switch, so never empty (an empty stamp
  // would only make a token that never works).
  if (claims.stamp.empty()) throw std::logic_error("session: no stamp for " + who.domain_name);
  const std::string whose = admin ? "admin session of " + who.domain_name
                                  : "session of user '" + who.account + "'";
  return Answer(fmt::DaemonReply{fmt::DaemonCode::ok, fmt::session_token_make(key, claims)},
                whose + " issued for " + std::to_string(idle) + " seconds");
}

}  // namespace vmm::daemon
