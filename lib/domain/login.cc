#include "domain/login.h"

#include <utility>

#include "domain/config_value.h"

namespace vmm::domain {
namespace {

// No byte that could end a C string, climb a path or split a protocol line.
bool clean(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == ' ' || c == '/') return false;
  return true;
}

// The ip-domains entry for ip: lines "ip:domain", split at the LAST ':' so an
// IPv6 address needs no brackets ("::1:example.com"); "[::1]:..." works too.
std::string domain_of_ip(const std::vector<std::string>& ip_domains, std::string_view ip) {
  const std::string wanted = lowercase(ip);
  for (const std::string& entry : ip_domains) {
    std::string_view line = trim_blanks(entry);
    std::size_t colon = line.rfind(':');
    if (colon == std::string_view::npos) continue;
    std::string_view addr = trim_blanks(line.substr(0, colon));
    std::string_view domain = trim_blanks(line.substr(colon + 1));
    if (addr.size() >= 2 && addr.front() == '[' && addr.back() == ']')
      addr = addr.substr(1, addr.size() - 2);
    if (!addr.empty() && !domain.empty() && lowercase(addr) == wanted)
      return lowercase(domain);
  }
  return {};
}

// The domain of a login without separator (SPEC §5 step 1).
std::string implied_domain(const LoginRules& rules, const LoginEnv& env) {
  if (!env.tcp_local_host.empty()) return lowercase(env.tcp_local_host);
  if (!env.tcp_local_ip.empty()) {
    std::string domain = domain_of_ip(rules.ip_domains, env.tcp_local_ip);
    if (!domain.empty()) return domain;
  }
  return lowercase(rules.default_domain);
}

}  // namespace

LoginRules login_rules(const Config& global) {
  LoginRules rules;
  rules.separators = global.str("separators");
  rules.default_domain = global.str("default-domain");
  rules.ip_domains = global.list("ip-domains");
  return rules;
}

std::optional<LoginName> split_login(std::string_view login, const LoginRules& rules,
                                     const LoginEnv& env) {
  if (!clean(login)) return std::nullopt;
  const std::string lower = lowercase(login);
  LoginName name;
  std::size_t sep = lower.find_first_of(lowercase(rules.separators));
  if (sep != std::string::npos) {
    name.user = lower.substr(0, sep);
    name.domain = lower.substr(sep + 1);
    if (name.domain.empty()) return std::nullopt;
  } else {
    name.user = lower;
    name.domain = implied_domain(rules, env);
    if (!clean(name.domain)) return std::nullopt;
  }
  if (name.user.empty() || name.user == "." || name.user == "..") return std::nullopt;
  return name;
}

std::optional<LoginName> join_login(std::string_view user, std::string_view domain,
                                    const LoginRules& rules) {
  if (!clean(user) || !clean(domain) || user.empty() || domain.empty()) return std::nullopt;
  LoginName name{lowercase(user), lowercase(domain)};
  if (name.user == "." || name.user == ".." ||
      name.user.find_first_of(lowercase(rules.separators)) != std::string::npos)
    return std::nullopt;
  return name;
}

std::optional<std::string> virtual_domain_base(std::string_view domain,
                                               const VirtualDomains& virtualdomains,
                                               const Locals& locals) {
  if (domain.empty() || locals.contains(domain)) return std::nullopt;
  return virtualdomains.find(domain);
}

std::string local_name(const LoginName& name, const VirtualDomains& virtualdomains,
                       const Locals& locals) {
  std::optional<std::string> base = virtual_domain_base(name.domain, virtualdomains, locals);
  return base ? *base + "-" + name.user : name.user;
}

std::optional<BaseMatch> find_base_user(std::string_view local, const UserDb& users) {
  if (local.empty() || !clean(local)) return std::nullopt;
  if (std::optional<BaseUser> whole = users.find(std::string(local)))
    return BaseMatch{std::move(*whole), {}};
  // A '-' at position 0 would leave an empty base name: never asked.
  for (std::size_t dash = local.rfind('-'); dash != std::string_view::npos && dash > 0;
       dash = local.rfind('-', dash - 1)) {
    if (std::optional<BaseUser> base = users.find(std::string(local.substr(0, dash))))
      return BaseMatch{std::move(*base), std::string(local.substr(dash + 1))};
  }
  return std::nullopt;
}

}  // namespace vmm::domain
