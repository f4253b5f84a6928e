// vadddomain (SPEC §20): a new virtual domain, everything an administrator
// did by hand for VMailMgr — the base user, its home, vsetup, the
// control/virtualdomains and control/rcpthosts lines, qmail-send told —
// in one command that can be run again safely.
#pragma once
#include <optional>
#include <string>

#include "admin/host_system.h"
#include "admin/qmail_reload.h"
#include "domain/config.h"

namespace vmm::admin {

struct DomainAdded {
  std::string domain, base, home;
  bool made_user = false;          // the base user (and its home) were made
  bool added_virtualdomains = false;
  bool added_rcpthosts = false;
  bool rcpthosts_missing = false;  // no control/rcpthosts: left alone (see below)
  std::optional<Reload> reload;    // set when control/virtualdomains changed
};

// As root only (Error(permanent) otherwise). Under the lock
// <qmail-root>/control/virtualdomains.lock (held by one vadddomain or
// vdeldomain at a time, waited for 60 s at most), in this order:
//  1. checks: the domain (mail_domain) and the base user name
//     (check_user_name; default_base_user when none is given); a domain
//     of control/locals, or already virtual for another base user, is
//     refused; without base_user, a line for the domain names the user;
//  2. the base user, when missing: useradd (home <domains-home>/DOMAIN, not
//     there yet), then its home (0750). Without base_user, an existing
//     user of the default name is taken only when its home is
//     <domains-home>/DOMAIN (an earlier vadddomain made it); base user uid 0
//     is refused;
//  3. vsetup as the base user, in its home (idempotent);
//  4. "DOMAIN:BASE" appended to control/virtualdomains and "DOMAIN" to
//     control/rcpthosts when missing, each file replaced whole, atomically,
//     keeping its mode and owner. A missing rcpthosts is not made (qmail-smtpd
//     without one accepts every domain; one holding only this domain would
//     refuse all others);
// then, when virtualdomains changed, qmail-send is told (reload_qmail_send).
// Nothing is changed when a check fails; a later step failing leaves the
// earlier ones done, and running again finishes the job.
DomainAdded add_domain(HostSystem& host, const domain::Config& global, const std::string& domain,
                       const std::optional<std::string>& base_user, bool quiet);

}  // namespace vmm::admin
