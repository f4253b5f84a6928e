#include "admin/domain_delete.h"

#include "admin/control_files.h"
#include "admin/rehash_move.h"
#include "domain/control_edit.h"
#include "domain/mail_domain.h"
#include "domain/virtualdomains.h"
#include "store/file_rewrite.h"
#include "sys/error.h"

namespace vmm::admin {
namespace {

constexpr std::size_t kControlMax = 16 << 20;

[[noreturn]] void refuse(const std::string& why) { throw Error(ErrorClass::permanent, why); }

// What goes with --remove-data: checked before anything changes.
void check_removable(HostSystem& host, const domain::Config& global, DomainDeleted& out) {
  if (!out.other_domains.empty()) {
    std::string others;
    for (const std::string& d : out.other_domains) others += (others.empty() ? "" : ", ") + d;
    refuse("base user " + out.base + " also serves " + others +
           ": its data stays while it does; nothing removed");
  }
  const std::optional<domain::BaseUser> user = host.find_user(out.base);
  if (!user) return;  // no user, no home of its to remove
  if (user->uid == 0) refuse("base user " + out.base + " has uid 0: it is never removed");
  const std::string root = normal_path(global.dir("domains-home"));
  if (!is_below(normal_path(user->home), root))
    refuse("the home of " + out.base + ", " + user->home + ", is not below domains-home " + root +
           ": remove it by hand; nothing removed");
  out.home = user->home;
}

}  // namespace

DomainDeleted delete_domain(HostSystem& host, const domain::Config& global,
                            const std::string& raw, bool remove_data) {
  require_root(host, "vdeldomain");
  DomainDeleted out;
  out.domain = domain::mail_domain(raw);
  const std::string control = control_dir(global);
  const std::string vd_path = control + "/virtualdomains", rh_path = control + "/rcpthosts";
  {
    const store::TableLock lock = lock_control_files(control);
    const std::string vd = control_text(vd_path);
    const std::optional<std::string> base = domain::virtual_domain_line(vd, out.domain);
    if (!base)
      refuse(out.domain + " is not a virtual domain in " + vd_path + ": nothing removed");
    out.base = *base;
    for (const std::string& d :
         domain::VirtualDomains::parse(domain::without_domain(vd, out.domain,
                                                              domain::ControlFile::virtualdomains))
             .domains_of(out.base))
      out.other_domains.push_back(d);
    if (remove_data) check_removable(host, global, out);
    if (!remove_data) {
      if (std::optional<domain::BaseUser> user = host.find_user(out.base)) out.home = user->home;
    }

    store::rewrite_file(vd_path, kControlMax, [&](const std::optional<std::string>& old) {
      return std::optional<std::string>(
          domain::without_domain(old.value_or(""), out.domain, domain::ControlFile::virtualdomains));
    });
    out.removed_rcpthosts =
        store::rewrite_file(rh_path, kControlMax, [&](const std::optional<std::string>& old) {
          if (!old || !domain::lists_domain(*old, out.domain)) return std::optional<std::string>();
          return std::optional<std::string>(
              domain::without_domain(*old, out.domain, domain::ControlFile::rcpthosts));
        });
  }
  out.reload = reload_qmail_send(host, global);
  if (remove_data) {
    if (!out.home.empty()) host.remove_home(out.home);
    if (host.find_user(out.base)) host.delete_user(out.base);
    out.removed_data = !out.home.empty();
  }
  return out;
}

}  // namespace vmm::admin
