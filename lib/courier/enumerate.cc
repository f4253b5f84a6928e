#include "courier/enumerate.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <vector>

#include "domain/control_files.h"
#include "domain/domain.h"
#include "domain/login.h"
#include "fmt/authpipe.h"
#include "fmt/record.h"

namespace vmm::courier {
namespace {

std::vector<fmt::AuthpipeAccount> domain_accounts(auth::LoginSystem& sys,
                                                  const std::string& domain_name,
                                                  const domain::BaseUser& base,
                                                  const domain::Config& global) {
  const domain::Domain d(base.home, global);
  std::vector<fmt::AuthpipeAccount> out;
  auto read = [&] {
    const store::TableSnapshot table = d.table().read();
    table.for_each([&](std::string_view name, std::string_view raw) {
      fmt::Record r;
      try {
        r = fmt::decode_record(raw);
      } catch (const std::exception& e) {
        sys.warn(d.table().path() + ": account '" + std::string(name) + "': " + e.what());
        return true;
      }
      if (!r.has_mailbox || r.directory.empty()) return true;
      const std::string dir = d.absolute(r.directory);
      out.push_back({std::string(name) + "@" + domain_name, base.uid, base.gid, dir, dir, ""});
      return true;
    });
  };
  if (sys.uid() == 0)
    sys.borrow(sys::Identity{base.name, base.uid, base.gid}, read);
  else
    read();
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace

std::string enumerate_accounts(auth::LoginSystem& sys, const domain::UserDb& users,
                               const domain::Config& global) {
  // Every entry is listed: the text itself (no index), as entries() needs.
  const domain::ControlFiles control =
      domain::read_control(domain::ControlPaths{global.dir("qmail-root"), ""}, sys.now());
  std::string reply;
  for (const auto& [domain_name, base_name] : control.virtualdomains.entries()) {
    if (domain_name.starts_with('.') || control.locals.contains(domain_name)) continue;
    std::optional<domain::BaseUser> base;
    try {
      base = users.find(base_name);
    } catch (const std::exception& e) {
      sys.warn("domain " + domain_name + ": " + e.what());
      continue;
    }
    if (!base) {
      sys.warn("domain " + domain_name + ": base user " + base_name + " does not exist");
      continue;
    }
    if (base->uid == 0) {
      sys.warn("domain " + domain_name + ": base user " + base_name + " has uid 0");
      continue;
    }
    std::vector<fmt::AuthpipeAccount> accounts;
    try {
      accounts = domain_accounts(sys, domain_name, *base, global);
    } catch (const std::exception& e) {
      sys.warn("domain " + domain_name + ": " + e.what());
      continue;
    }
    for (const fmt::AuthpipeAccount& a : accounts) {
      try {
        reply += fmt::format_authpipe_account(a);
      } catch (const std::exception& e) {
        sys.warn("domain " + domain_name + ": " + e.what());
      }
    }
  }
  reply += fmt::kAuthpipeEnd;
  return reply;
}

}  // namespace vmm::courier
