// Login resolution, steps 1-3 of SPEC §5: split the login into user and
// domain, map it to a qmail local name, find the base user owning it.
// Step 4 (the account checks) is domain/login_verdict; the login flow is lib/auth.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base_user.h"
#include "domain/config.h"
#include "domain/virtualdomains.h"

namespace vmm::domain {

struct LoginRules {
  std::string separators = "@:";
  std::string default_domain;
  std::vector<std::string> ip_domains;  // lines "ip:domain", split at the last ':'
};

// separators, default-domain and ip-domains from the global configuration.
LoginRules login_rules(const Config& global);

// What the server tells about the local end ($TCPLOCALHOST, $TCPLOCALIP).
struct LoginEnv {
  std::string tcp_local_host, tcp_local_ip;
};

struct LoginName {
  std::string user, domain;  // both lowercased; domain may be empty
  bool operator==(const LoginName&) const = default;
};

// Step 1. Lowercases the login and splits it at its first separator (the
// domain is the whole rest). Without a separator the domain is TCPLOCALHOST,
// else the ip-domains entry for TCPLOCALIP, else default_domain, else empty.
// nullopt (a failed login) for an empty user, an empty domain after a
// separator, a user "." or "..", or a login (or chosen domain) holding '/',
// a space or a control byte (NUL included): hostile input never reaches
// getpwnam or a path.
std::optional<LoginName> split_login(std::string_view login, const LoginRules& rules,
                                     const LoginEnv& env);

// Step 1 for a login given as two fields (vmailmgrd's requests carry the
// domain and the user apart): both lowercased, nullopt under the same rules
// as split_login (empty user or domain, a user "." or "..", '/', a space, a
// control byte), and for a user holding a separator of rules (it would
// never come out of a split).
std::optional<LoginName> join_login(std::string_view user, std::string_view domain,
                                    const LoginRules& rules);

// Step 2's question: the base user named for domain when it is a virtual
// domain (not empty, not in locals, with a virtualdomains entry), else nullopt.
std::optional<std::string> virtual_domain_base(std::string_view domain,
                                               const VirtualDomains& virtualdomains,
                                               const Locals& locals);

// Step 2. The user alone when the domain is empty, listed in locals, or has no
// virtualdomains entry; otherwise "<base>-<user>".
std::string local_name(const LoginName& name, const VirtualDomains& virtualdomains,
                       const Locals& locals);

struct BaseMatch {
  BaseUser base;
  std::string account;  // empty = a system-user login
  bool operator==(const BaseMatch&) const = default;
};

// Step 3. The whole local name, then each prefix ending before a '-', longest
// first ("a-b-c": "a-b-c", "a-b" + account "c", "a" + account "b-c").
// nullopt when no prefix names a user. Lookup failures propagate (temporary).
std::optional<BaseMatch> find_base_user(std::string_view local, const UserDb& users);

}  // namespace vmm::domain
