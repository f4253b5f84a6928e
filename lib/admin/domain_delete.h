// vdeldomain (SPEC §20): the reverse of vadddomain. The domain stops being
// virtual; its data stays unless asked.
#pragma once
#include <string>
#include <vector>

#include "admin/host_system.h"
#include "admin/qmail_reload.h"
#include "domain/config.h"

namespace vmm::admin {

struct DomainDeleted {
  std::string domain, base, home;  // home "" when the base user does not exist
  bool removed_rcpthosts = false;
  std::vector<std::string> other_domains;  // still served by the same base user
  bool removed_data = false;               // home and base user gone (remove_data)
  Reload reload;
};

// As root only. Under the same lock as add_domain: the domain's line (the
// key exactly DOMAIN) is looked up in control/virtualdomains; none is
// Error(permanent, "... is not a virtual domain ..."), nothing changed.
// Its lines go from control/virtualdomains and control/rcpthosts (each
// replaced whole, atomically); then qmail-send is told. The base user and
// its home stay, unless remove_data: then the home (never following a
// symlink) and the base user (userdel) go too, after qmail-send was told —
// refused beforehand, nothing changed, when the base user serves another
// domain still or its home is not below <domains-home> (vadddomain's
// layout: anything else is removed by hand).
DomainDeleted delete_domain(HostSystem& host, const domain::Config& global,
                            const std::string& domain, bool remove_data);

}  // namespace vmm::admin
