#include "admin/domain_add.h"

#include "admin/control_files.h"
#include "admin/rehash_move.h"
#include "domain/control_edit.h"
#include "domain/login.h"
#include "domain/mail_domain.h"
#include "store/file_rewrite.h"
#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::admin {
namespace {

constexpr std::size_t kControlMax = 16 << 20;

[[noreturn]] void refuse(const std::string& why) { throw Error(ErrorClass::permanent, why); }

// The base user, made when missing (step 2 of add_domain).
domain::BaseUser base_user_for(HostSystem& host, const domain::Config& global, DomainAdded& out,
                               bool named) {
  const std::string homes = global.dir("domains-home");
  if (homes.empty() || homes.front() != '/')
    refuse("the domains-home setting, '" + homes + "', is not an absolute path");
  const std::string home = normal_path(homes + out.domain);
  std::optional<domain::BaseUser> user = host.find_user(out.base);
  if (user) {
    if (user->uid == 0) refuse("user " + out.base + " has uid 0: a base user never is root");
    if (!named && normal_path(user->home) != home)
      refuse("user " + out.base + " exists, with home " + user->home + ", not " + home +
             ": name it as BASEUSER to make it the base user of " + out.domain);
    return *user;
  }
  if (sys::file_kind(home, sys::Links::no_follow) != sys::FileKind::missing)
    refuse(home + " already exists: move it away, or name its owner as BASEUSER");
  host.add_user(out.base, home, "vmailmgr base user of " + out.domain);
  user = host.find_user(out.base);
  if (!user) refuse("user " + out.base + " was not found after useradd made it");
  host.make_home(user->home, user->uid, user->gid);
  out.made_user = true;
  return *user;
}

}  // namespace

DomainAdded add_domain(HostSystem& host, const domain::Config& global, const std::string& raw,
                       const std::optional<std::string>& base_user, bool quiet) {
  require_root(host, "vadddomain");
  DomainAdded out;
  out.domain = domain::mail_domain(raw);
  if (base_user) domain::check_user_name(*base_user);
  const std::string control = control_dir(global);
  const std::string vd_path = control + "/virtualdomains", rh_path = control + "/rcpthosts";
  {
    const store::TableLock lock = lock_control_files(control);
    const std::string vd = control_text(vd_path);
    if (domain::Locals::parse(control_text(control + "/locals")).contains(out.domain))
      refuse(out.domain + " is in " + control + "/locals: qmail delivers it to local users");
    const std::optional<std::string> current = domain::virtual_domain_line(vd, out.domain);
    if (current && base_user && *current != *base_user)
      refuse(out.domain + " is already a virtual domain of user " + *current);
    out.base = current ? *current : base_user ? *base_user : domain::default_base_user(out.domain);

    const domain::BaseUser user = base_user_for(host, global, out, base_user || current);
    out.home = user.home;
    if (!sys::is_directory(user.home))
      refuse("the home of user " + user.name + ", " + user.home + ", is not a directory");
    if (int status = host.run_setup(user, quiet); status != 0)
      refuse("vsetup as user " + user.name + " failed with exit status " + std::to_string(status));

    out.added_virtualdomains =
        store::rewrite_file(vd_path, kControlMax, [&](const std::optional<std::string>& old) {
          const std::string text = old.value_or("");
          if (domain::virtual_domain_line(text, out.domain)) return std::optional<std::string>();
          return std::optional<std::string>(domain::with_line(text, out.domain + ":" + out.base));
        });
    out.rcpthosts_missing = sys::file_kind(rh_path, sys::Links::follow) == sys::FileKind::missing;
    if (!out.rcpthosts_missing)
      out.added_rcpthosts =
          store::rewrite_file(rh_path, kControlMax, [&](const std::optional<std::string>& old) {
            if (!old || domain::lists_domain(*old, out.domain)) return std::optional<std::string>();
            return std::optional<std::string>(domain::with_line(*old, out.domain));
          });
  }
  if (out.added_virtualdomains) out.reload = reload_qmail_send(host, global);
  return out;
}

}  // namespace vmm::admin
