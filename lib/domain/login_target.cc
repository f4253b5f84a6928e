#include "domain/login_target.h"

#include <optional>
#include <utility>

namespace vmm::domain {

ResolvedLogin resolve_login(std::string_view login, const LoginRules& rules, const LoginEnv& env,
                            const ControlFiles& control, const UserDb& users) {
  ResolvedLogin r;
  std::optional<LoginName> name = split_login(login, rules, env);
  if (!name) {
    r.outcome = LoginLookup::malformed;
    return r;
  }
  r.target.name = std::move(*name);
  r.target.local = local_name(r.target.name, control.virtualdomains, control.locals);
  std::optional<BaseMatch> match = find_base_user(r.target.local, users);
  if (!match) {
    r.outcome = LoginLookup::unknown;
    return r;
  }
  r.target.base = std::move(match->base);
  r.target.account = std::move(match->account);
  r.outcome = LoginLookup::found;
  return r;
}

std::string known_as(const LoginTarget& target, const VirtualDomains& virtualdomains) {
  if (target.system_user()) return target.base.name;
  const std::string& domain = target.name.domain;
  if (!domain.empty() && virtualdomains.find(domain) == target.base.name)
    return target.account + "@" + domain;
  return target.local;
}

}  // namespace vmm::domain
