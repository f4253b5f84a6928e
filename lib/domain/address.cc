#include "domain/address.h"

#include <optional>
#include <utility>

namespace vmm::domain {

ResolvedAddress resolve_address(std::string_view address, const ControlFiles& control,
                                const UserDb& users) {
  ResolvedAddress r;
  LoginRules rules;
  rules.separators = "@";
  std::optional<LoginName> name = split_login(address, rules, LoginEnv{});
  if (!name || name->domain.find('@') != std::string::npos) return r;  // malformed
  r.name = std::move(*name);
  r.outcome = AddressLookup::not_virtual;
  if (!virtual_domain_base(r.name.domain, control.virtualdomains, control.locals)) return r;
  std::optional<BaseMatch> match =
      find_base_user(local_name(r.name, control.virtualdomains, control.locals), users);
  if (!match) {
    r.outcome = AddressLookup::no_base_user;
    return r;
  }
  if (match->account.empty()) return r;  // a system user owns "<base>-<local>"
  r.base = std::move(match->base);
  r.account = std::move(match->account);
  r.outcome = AddressLookup::virtual_account;
  return r;
}

}  // namespace vmm::domain
