// libFuzzer target: control/virtualdomains and control/locals parsing and
// lookup, and the login split of SPEC §5 steps 1-2. The input is cut at
// 0x01 bytes into: virtualdomains text, locals text, login, domain to look
// up, TCPLOCALHOST, TCPLOCALIP, ip-domains lines.
#include <cstdint>
#include <string>

#include "domain/config_value.h"
#include "domain/login.h"
#include "domain/virtualdomains.h"
#include "fuzz_input.h"

namespace {

bool clean(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == ' ' || c == '/') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vmm;
  auto part = fuzz::split_parts(fuzz::as_view(data, size), '\x01', 7);
  auto vd = domain::VirtualDomains::parse(part[0]);
  auto locals = domain::Locals::parse(part[1]);
  auto base = vd.find(part[3]);
  if (base) FUZZ_CHECK(!base->empty());
  FUZZ_CHECK(vd.find(part[3]) == vd.find(domain::lowercase(part[3])));
  FUZZ_CHECK(locals.contains(part[3]) == locals.contains(domain::lowercase(part[3])));

  domain::LoginRules rules;  // the default separators "@:"
  rules.ip_domains = domain::parse_list(part[6]);
  domain::LoginEnv env{std::string(part[4]), std::string(part[5])};
  auto name = domain::split_login(part[2], rules, env);
  if (!name) return 0;
  // Hostile bytes never get through to getpwnam or a path.
  FUZZ_CHECK(!name->user.empty() && name->user != "." && name->user != "..");
  FUZZ_CHECK(clean(name->user) && clean(name->domain));
  FUZZ_CHECK(name->user == domain::lowercase(name->user));
  std::string local = domain::local_name(*name, vd, locals);
  FUZZ_CHECK(local.size() >= name->user.size());
  FUZZ_CHECK(local.compare(local.size() - name->user.size(), name->user.size(), name->user) == 0);
  return 0;
}
