// SPEC §5 steps 1-3 in one call: which base user, and which of its virtual
// accounts, a login names. checkvpw uses it; so can anything else that
// authenticates.
#pragma once
#include <string>
#include <string_view>

#include "domain/base_user.h"
#include "domain/control_files.h"
#include "domain/login.h"
#include "domain/virtualdomains.h"

namespace vmm::domain {

struct LoginTarget {
  LoginName name;       // step 1: user and domain, lowercased
  std::string local;    // step 2: the qmail local name ("base-joe", "bob")
  BaseUser base;        // step 3
  std::string account;  // the virtual account; empty = a system-user login
  bool system_user() const { return account.empty(); }
};

enum class LoginLookup {
  found,
  malformed,  // step 1 refused it: empty user or domain, hostile bytes
  unknown,    // no base user owns the local name
};

struct ResolvedLogin {
  LoginLookup outcome = LoginLookup::unknown;
  LoginTarget target;  // filled in when found
};

// Lookup failures of the user database propagate (temporary).
ResolvedLogin resolve_login(std::string_view login, const LoginRules& rules, const LoginEnv& env,
                            const ControlFiles& control, const UserDb& users);

// The name a server should know the user by from now on (Dovecot's USER):
// "account@domain" when the login's domain is a virtual domain of this base
// user, the base user's name for a system user, else the local name
// ("base-joe" for a login without domain).
std::string known_as(const LoginTarget& target, const VirtualDomains& virtualdomains);

}  // namespace vmm::domain
