// An e-mail address resolved like a login (SPEC §5 steps 2-3): which base
// user's virtual domain it belongs to, and which account of it. The lookups
// at SMTP time (lib/lookup) use it; it reads nothing itself.
#pragma once
#include <string>
#include <string_view>

#include "domain/base_user.h"
#include "domain/control_files.h"
#include "domain/login.h"

namespace vmm::domain {

enum class AddressLookup {
  virtual_account,  // a virtual domain's account: base and account are set
  not_virtual,      // no '@', a domain in locals or without a virtualdomains
                    // entry, or a local name a system user owns whole
  malformed,        // empty local part or domain, a domain holding '@', a
                    // local part "." or "..", '/', a space or a control byte
  no_base_user,     // a virtual domain whose base user does not exist
};

struct ResolvedAddress {
  AddressLookup outcome = AddressLookup::malformed;
  LoginName name;       // local part (user) and domain, lowercased
  BaseUser base;        // virtual_account only
  std::string account;  // virtual_account only: the account name (never empty)
};

// The address "local@domain" is lowercased and split at its first '@'
// (split_login with '@' as the only separator and no implied domain), the
// domain looked up as step 2 does (virtual_domain_base), the local name
// "<base>-<local>" resolved as step 3 does (find_base_user). Lookup
// failures of the user database propagate (temporary).
ResolvedAddress resolve_address(std::string_view address, const ControlFiles& control,
                                const UserDb& users);

}  // namespace vmm::domain
