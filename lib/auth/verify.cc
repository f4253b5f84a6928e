#include "auth/verify.h"

#include <utility>

#include "auth/last_login.h"
#include "domain/control_files.h"
#include "domain/login.h"
#include "domain/login_verdict.h"
#include "domain/password.h"
#include "sys/error.h"

namespace vmm::auth {
namespace {

[[noreturn]] void refuse(domain::Verdict v, const std::string& who) {
  throw LoginRefusal(v, std::string(domain::describe(v)) + ": " + who);
}

bool enabled(const fmt::Limit& setting) { return !setting || *setting != 0; }

}  // namespace

VerifiedLogin authenticate(const fmt::CheckpasswordRequest& request, const AuthSetup& setup,
                           LoginSystem& sys, const domain::UserDb& users,
                           const domain::Config& global, HookSite& site) {
  const domain::Secret secret{request.password, !setup.lookup};
  auto dummy_hash = [&] {
    if (secret.verify) domain::check_dummy(secret.password);
  };

  const domain::ControlFiles control = domain::read_control(domain::control_paths(global), sys.now());
  const domain::LoginEnv env{sys.env("TCPLOCALHOST").value_or(""),
                             sys.env("TCPLOCALIP").value_or("")};
  domain::ResolvedLogin r =
      domain::resolve_login(request.login, domain::login_rules(global), env, control, users);
  if (r.outcome == domain::LoginLookup::malformed) {
    dummy_hash();
    throw LoginRefusal(domain::Verdict::unknown, "malformed login");
  }
  if (r.outcome == domain::LoginLookup::unknown) {
    dummy_hash();
    const domain::LoginName& n = r.target.name;
    refuse(domain::Verdict::unknown, n.domain.empty() ? n.user : n.user + "@" + n.domain);
  }

  VerifiedLogin login;
  login.target = std::move(r.target);
  login.known_as = domain::known_as(login.target, control.virtualdomains);
  const domain::BaseUser& base = login.target.base;

  if (login.target.system_user()) {
    // A mail login never runs a program as uid 0 (Dovecot's first_valid_uid
    // idea): root and every uid-0 account are refused, whatever
    // system-logins says and before the password is looked at.
    if (base.uid == 0) {
      dummy_hash();
      throw LoginRefusal(domain::Verdict::unknown,
                         "user " + base.name + " has uid 0: " + login.known_as);
    }
    domain::Verdict v =
        domain::check_system(users, base.name, secret, enabled(global.number("system-logins")));
    if (v != domain::Verdict::ok) refuse(v, login.known_as);
    return login;
  }

  login.domain.emplace(base.home, global);
  site.domain = login.domain->config();
  site.owner = sys::Identity{base.name, base.uid, base.gid};
  if (base.uid == 0) {
    dummy_hash();
    throw LoginRefusal(domain::Verdict::unknown,
                       "base user " + base.name + " has uid 0: " + login.known_as);
  }
  // ~base/.vmailmgr and the table belong to the base user: as root, read
  // them with its rights, so a symlink there cannot show it root's files.
  // A verified password is a login: its time is recorded here, with the
  // same borrowed rights, by every front-end that authenticates through
  // this function. A lookup (no password) is not a login; a process that
  // is neither root nor the base user could not write the base user's
  // files and records nothing.
  domain::AccountVerdict v;
  auto check = [&] {
    v = domain::check_virtual(login.domain->table().read(), login.target.account, secret,
                              sys.now());
    if (v.verdict == domain::Verdict::ok && secret.verify && sys.uid() == base.uid)
      record_last_login(sys, *login.domain, login.target.account, login.known_as);
  };
  if (sys.uid() == 0)
    sys.borrow(site.owner, check);
  else
    check();
  if (v.verdict != domain::Verdict::ok) refuse(v.verdict, login.known_as);
  login.record = std::move(v.record);
  return login;
}

}  // namespace vmm::auth
