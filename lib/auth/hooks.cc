#include "auth/hooks.h"

#include <string>
#include <vector>

#include "sys/error.h"

namespace vmm::auth {
namespace {

std::vector<std::string> global_hooks(const HookSite& site, std::string_view event) {
  return domain::Config(site.global.global_dir(), "").hooks(event);
}

std::vector<std::string> domain_hooks(const HookSite& site, std::string_view event) {
  if (!site.domain) return {};
  return domain::Config("", site.domain->domain_dir()).hooks(event);
}

void check_status(const std::string& hook, int status) {
  if (status != 0)
    throw Error(ErrorClass::temporary,
                "hook " + hook + " exited with status " + std::to_string(status));
}

}  // namespace

void run_auth_hooks(LoginSystem& sys, const HookSite& site, std::string_view event) {
  for (const std::string& hook : global_hooks(site, event)) check_status(hook, sys.run({hook}));
  for (const std::string& hook : domain_hooks(site, event)) {
    const uid_t me = sys.uid();
    int status = 0;
    if (me == site.owner.uid) {
      status = sys.run({hook});
    } else if (me == 0) {
      sys.borrow(site.owner, [&] { status = sys.run({hook}); });
    } else {
      throw Error(ErrorClass::temporary, "unable to run hook " + hook + " as " + site.owner.name +
                                             ": running as uid " + std::to_string(me));
    }
    check_status(hook, status);
  }
}

bool has_auth_hooks(const HookSite& site, std::string_view event) {
  return !global_hooks(site, event).empty() || !domain_hooks(site, event).empty();
}

}  // namespace vmm::auth
