#include "daemon/credentials.h"

#include <optional>
#include <utility>

#include "domain/account.h"
#include "domain/account_name.h"
#include "domain/admin_password.h"
#include "domain/control_files.h"
#include "domain/login.h"
#include "domain/login_target.h"
#include "domain/login_verdict.h"
#include "domain/password.h"
#include "domain/virtualdomains.h"
#include "fmt/session_token.h"
#include "sys/error.h"

namespace vmm::daemon {
namespace {

[[noreturn]] void refuse(const std::string& why) { throw Error(ErrorClass::bad_login, why); }

// A refusal that checked no real hash costs one anyway, so the time does
// not tell a wrong domain from a wrong password.
[[noreturn]] void refuse_hashed(std::string_view password, const std::string& why) {
  domain::check_dummy(password);
  refuse(why);
}

bool matches(std::string_view stored, std::string_view password) {
  if (password.empty()) {  // never a login, whatever is stored ("$0$" would match it)
    domain::check_dummy(password);
    return false;
  }
  return domain::check_password(stored, password) == domain::PasswordCheck::match;
}

// Becomes the base user: as root for good; not as root only when we
// already are it (a base user running its own vmailmgrd).
void act_as(const DaemonContext& ctx, const domain::BaseUser& base) {
  if (ctx.sys.uid() == 0) {
    ctx.sys.become(sys::Identity{base.name, base.uid, base.gid});
  } else if (ctx.sys.uid() != base.uid) {
    throw Error(ErrorClass::temporary, "running as uid " + std::to_string(ctx.sys.uid()) +
                                           ", unable to act as base user " + base.name);
  }
}

// A password hash held only as long as it is needed.
struct HeldHash {
  std::optional<std::string> value;
  ~HeldHash() {
    if (value) domain::wipe(*value);
  }
};

// The stamp of hash when the host key has been read, else "".
std::string stamp_if_keyed(const DaemonContext& ctx, std::string_view label, std::string_view hash) {
  return ctx.keys && ctx.keys->loaded() ? ctx.keys->stamp(label, hash) : std::string();
}

// The admin password hash of the domain whose base user we now are: the
// admin-password file when there is one, else the system password read
// (as root) before the switch.
std::optional<std::string> admin_hash(const domain::Domain& d,
                                      const std::optional<std::string>& system_hash) {
  std::optional<std::string> stored = domain::read_admin_password(d.home());
  if (!stored) stored = system_hash;
  return stored;
}

bool admin_matches(const DaemonContext& ctx, const domain::Domain& d,
                   const std::optional<std::string>& system_hash, std::string_view password,
                   std::string& stamp) {
  HeldHash stored{admin_hash(d, system_hash)};
  if (!stored.value) {
    domain::check_dummy(password);
    return false;
  }
  if (!matches(*stored.value, password)) return false;
  stamp = stamp_if_keyed(ctx, kAdminStampLabel, *stored.value);
  return true;
}

// The account's record; false when there is none.
bool find_own(const domain::Domain& d, const std::string& account, fmt::Record& r) {
  std::string problem;
  switch (d.table().read().find(account, r, &problem)) {
    case store::Lookup::found: return true;
    case store::Lookup::missing: return false;
    case store::Lookup::bad_record: throw Error(ErrorClass::temporary, d.table().path() + ": " + problem);
  }
  return false;
}

// The account's own password: it exists, verifies and has not expired
// (for a login: it could log in, SPEC §5 step 4).
bool own_matches(const DaemonContext& ctx, const domain::Domain& d, const std::string& account,
                 std::string_view password, Allowed allowed, std::string& stamp) {
  if (!domain::is_valid_account_name(account) || password.empty()) {
    domain::check_dummy(password);
    return false;
  }
  if (allowed == Allowed::login) {
    domain::Secret secret{password};
    return domain::check_virtual(d.table().read(), account, secret, ctx.sys.now()).verdict ==
           domain::Verdict::ok;
  }
  fmt::Record r;
  if (!find_own(d, account, r)) {
    domain::check_dummy(password);
    return false;
  }
  HeldHash held{std::move(r.password)};
  if (!matches(*held.value, password) || domain::account_expired(r, ctx.sys.now())) return false;
  stamp = stamp_if_keyed(ctx, kOwnStampLabel, *held.value);
  return true;
}

// Why a token the host key signed does not let this request in; "" when
// it does. Its stamp is compared with the one of the hash stored now.
std::string token_refusal(const DaemonContext& ctx, const Authorized& a,
                          const fmt::SessionClaims& t, Allowed allowed,
                          const std::optional<std::string>& system_hash) {
  if (t.domain != a.domain_name) return "a session token of another domain";
  if (t.admin) {
    if (allowed == Allowed::own) return "an admin session token, where the account's own password is needed";
    HeldHash stored{admin_hash(a.domain, system_hash)};
    if (!stored.value || !domain::equal_constant_time(ctx.keys->stamp(kAdminStampLabel, *stored.value), t.stamp))
      return "an admin session token from before the admin password changed";
    return "";
  }
  if (allowed == Allowed::admin) return "an account's session token, where the admin password is needed";
  if (t.user != a.account) return "a session token of another account";
  fmt::Record r;
  if (!find_own(a.domain, a.account, r)) return "a session token of an account that no longer exists";
  HeldHash held{std::move(r.password)};
  if (!domain::equal_constant_time(ctx.keys->stamp(kOwnStampLabel, *held.value), t.stamp))
    return "a session token from before the password changed";
  if (domain::account_expired(r, ctx.sys.now())) return "a session token of an expired account";
  return "";
}

struct Resolved {
  domain::BaseUser base;
  std::string account;
  std::string domain_name;
};

const char* refusal(Allowed allowed) {
  switch (allowed) {
    case Allowed::admin: return "wrong admin password";
    case Allowed::own: return "wrong password";
    case Allowed::login: return "wrong password, or the account cannot log in";
    case Allowed::admin_or_own: break;
  }
  return "wrong password (neither the account's nor the admin password)";
}

Authorized finish(const DaemonContext& ctx, Resolved who, std::string_view password,
                  Allowed allowed, const std::string& name) {
  if (who.base.uid == 0) refuse_hashed(password, "base user " + who.base.name + " has uid 0: " + name);
  // The host key and the system password: root alone can read them, so
  // both before the switch.
  const bool token_shaped =
      ctx.keys && allowed != Allowed::login && looks_like_session_token(password);
  std::optional<fmt::SessionClaims> token;
  if (token_shaped) token = fmt::session_token_check(ctx.keys->key(), password, ctx.sys.now());
  HeldHash system_hash;
  const bool admin = allowed == Allowed::admin || allowed == Allowed::admin_or_own;
  if (admin) system_hash.value = ctx.users.system_password(who.base.name);
  act_as(ctx, who.base);
  Authorized a{who.base, domain::Domain(who.base.home, ctx.global), std::move(who.account),
               Authority::admin, std::move(who.domain_name), ""};
  if (token) {
    const std::string why = token_refusal(ctx, a, *token, allowed, system_hash.value);
    if (!why.empty()) refuse_hashed(password, std::string(refusal(allowed)) + ": " + name + " (" + why + ")");
    a.by = token->admin ? Authority::admin : Authority::own;
    a.stamp = token->stamp;
    return a;
  }
  if (allowed != Allowed::admin && own_matches(ctx, a.domain, a.account, password, allowed, a.stamp)) {
    a.by = Authority::own;
    return a;
  }
  if (admin && admin_matches(ctx, a.domain, system_hash.value, password, a.stamp)) return a;
  refuse(std::string(refusal(allowed)) + ": " + name +
         (token_shaped ? " (nor a valid session token: altered, expired or of another key)" : ""));
}

}  // namespace

bool looks_like_session_token(std::string_view password) {
  if (!password.starts_with("v1.")) return false;
  std::size_t dots = 0;
  for (char c : password) dots += c == '.';
  std::size_t last = password.rfind('.');
  std::string_view mac = password.substr(last + 1);
  return dots == 6 && mac.size() == 64 &&
         mac.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

Authorized authorize_account(const DaemonContext& ctx, std::string_view domain,
                             std::string_view user, std::string_view password, Allowed allowed) {
  const domain::LoginRules rules = domain::login_rules(ctx.global);
  std::optional<domain::LoginName> name = domain::join_login(user, domain, rules);
  if (!name) refuse_hashed(password, "malformed user or domain");
  const std::string shown = name->user + "@" + name->domain;
  const domain::ControlFiles control = domain::read_control(domain::control_paths(ctx.global), ctx.sys.now());
  const std::string local = domain::local_name(*name, control.virtualdomains, control.locals);
  std::optional<domain::BaseMatch> match = domain::find_base_user(local, ctx.users);
  if (!match) refuse_hashed(password, "unknown domain or user: " + shown);
  if (match->account.empty()) refuse_hashed(password, "not a virtual account: " + shown);
  return finish(ctx, Resolved{std::move(match->base), std::move(match->account), name->domain},
                password, allowed, shown);
}

Authorized authorize_login(const DaemonContext& ctx, std::string_view login,
                           const domain::LoginEnv& env, std::string_view password) {
  const domain::ControlFiles control = domain::read_control(domain::control_paths(ctx.global), ctx.sys.now());
  domain::ResolvedLogin r =
      domain::resolve_login(login, domain::login_rules(ctx.global), env, control, ctx.users);
  if (r.outcome == domain::LoginLookup::malformed) refuse_hashed(password, "malformed login");
  const domain::LoginName& n = r.target.name;
  const std::string shown = n.domain.empty() ? n.user : n.user + "@" + n.domain;
  if (r.outcome == domain::LoginLookup::unknown) refuse_hashed(password, "unknown user: " + shown);
  if (r.target.system_user()) refuse_hashed(password, "not a virtual account: " + shown);
  return finish(ctx, Resolved{std::move(r.target.base), std::move(r.target.account), n.domain},
                password, Allowed::login, shown);
}

Authorized authorize_domain(const DaemonContext& ctx, std::string_view domain,
                            std::string_view password) {
  const domain::LoginRules rules = domain::login_rules(ctx.global);
  // The same byte rules as a login's domain part ("x" stands in for a user).
  std::optional<domain::LoginName> name = domain::join_login("x", domain, rules);
  if (!name) refuse_hashed(password, "malformed domain");
  const domain::ControlFiles control = domain::read_control(domain::control_paths(ctx.global), ctx.sys.now());
  std::optional<std::string> base_name =
      domain::virtual_domain_base(name->domain, control.virtualdomains, control.locals);
  if (!base_name) refuse_hashed(password, "not a virtual domain: " + name->domain);
  std::optional<domain::BaseUser> base = ctx.users.find(*base_name);
  if (!base) refuse_hashed(password, "unknown base user " + *base_name + " of " + name->domain);
  return finish(ctx, Resolved{std::move(*base), "", name->domain}, password, Allowed::admin,
                name->domain);
}

}  // namespace vmm::daemon
