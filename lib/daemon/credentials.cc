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

// The admin password of the domain whose base user we now are: the
// admin-password file when there is one, else the system password read
// (as root) before the switch.
bool admin_matches(const domain::Domain& d, const std::optional<std::string>& system_hash,
                   std::string_view password) {
  std::optional<std::string> stored = domain::read_admin_password(d.home());
  if (!stored) stored = system_hash;
  if (!stored) {
    domain::check_dummy(password);
    return false;
  }
  bool ok = matches(*stored, password);
  domain::wipe(*stored);
  return ok;
}

// The account's own password: it exists, verifies and has not expired
// (for a login: it could log in, SPEC §5 step 4).
bool own_matches(const DaemonContext& ctx, const domain::Domain& d, const std::string& account,
                 std::string_view password, Allowed allowed) {
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
  std::string problem;
  switch (d.table().read().find(account, r, &problem)) {
    case store::Lookup::found: break;
    case store::Lookup::missing: domain::check_dummy(password); return false;
    case store::Lookup::bad_record: throw Error(ErrorClass::temporary, d.table().path() + ": " + problem);
  }
  return matches(r.password, password) && !domain::account_expired(r, ctx.sys.now());
}

struct Resolved {
  domain::BaseUser base;
  std::string account;
};

// A password hash held only as long as it is needed.
struct HeldHash {
  std::optional<std::string> value;
  ~HeldHash() {
    if (value) domain::wipe(*value);
  }
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
  HeldHash system_hash;  // root alone can read it: before the switch
  const bool admin = allowed == Allowed::admin || allowed == Allowed::admin_or_own;
  if (admin) system_hash.value = ctx.users.system_password(who.base.name);
  act_as(ctx, who.base);
  Authorized a{who.base, domain::Domain(who.base.home, ctx.global), std::move(who.account),
               Authority::admin};
  if (allowed != Allowed::admin && own_matches(ctx, a.domain, a.account, password, allowed)) {
    a.by = Authority::own;
    return a;
  }
  if (admin && admin_matches(a.domain, system_hash.value, password)) return a;
  refuse(std::string(refusal(allowed)) + ": " + name);
}

}  // namespace

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
  return finish(ctx, Resolved{std::move(match->base), std::move(match->account)}, password,
                allowed, shown);
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
  return finish(ctx, Resolved{std::move(r.target.base), std::move(r.target.account)}, password,
                Allowed::login, shown);
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
  return finish(ctx, Resolved{std::move(*base), ""}, password, Allowed::admin, name->domain);
}

}  // namespace vmm::daemon
