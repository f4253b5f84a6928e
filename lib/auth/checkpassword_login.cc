#include "auth/checkpassword_login.h"

#include <exception>
#include <utility>

#include "auth/dovecot_fields.h"
#include "auth/env.h"
#include "auth/failure.h"
#include "auth/hooks.h"
#include "auth/maildir.h"
#include "auth/mode.h"
#include "auth/next_program.h"
#include "auth/rehash.h"
#include "auth/verify.h"
#include "domain/password.h"
#include "fmt/checkpassword.h"

namespace vmm::auth {
namespace {

fmt::CheckpasswordRequest read_request(AuthSystem& sys) {
  std::string raw = sys.read_request();
  struct Wipe {
    std::string& s;
    ~Wipe() { domain::wipe(s); }
  } wipe{raw};
  return fmt::parse_checkpassword(raw);
}

sys::Identity identity_of(const domain::BaseUser& b) { return {b.name, b.uid, b.gid}; }

void switch_to_base_user(AuthSystem& sys, const domain::BaseUser& base) {
  const uid_t me = sys.uid();
  if (me == 0)
    sys.become(identity_of(base));
  else if (me != base.uid)
    throw Error(ErrorClass::temporary, "unable to switch to user " + base.name +
                                           ": running as uid " + std::to_string(me) +
                                           ", not as root");
}

// argv with a bare program name looked up in PATH.
std::vector<std::string> resolved(AuthSystem& sys, std::vector<std::string> argv) {
  argv[0] = find_program(argv[0], sys.env("PATH"));
  return argv;
}

// exec, or with a checkvpw-postexec hook fork + wait + hook, passing the
// program's own exit status through.
AuthOutcome start(AuthSystem& sys, const HookSite& site, std::vector<std::string> argv) {
  argv = resolved(sys, std::move(argv));
  if (!has_auth_hooks(site, "checkvpw-postexec")) sys.exec(argv);
  AuthOutcome done{sys.run(argv), std::nullopt};
  try {
    run_auth_hooks(sys, site, "checkvpw-postexec");
  } catch (const std::exception& e) {
    sys.warn(e.what());
  }
  return done;
}

const fmt::Record* record_of(const VerifiedLogin& login) {
  return login.virtual_account() ? &login.record : nullptr;
}

AuthOutcome classic(const std::vector<std::string>& argv, AuthSystem& sys,
                    const domain::Config& global, const HookSite& site, const VerifiedLogin& login,
                    std::string_view password) {
  const domain::BaseUser& base = login.target.base;
  sys.set_env("USER", base.name);
  sys.set_env("HOME", base.home);
  sys.set_env("SHELL", base.shell);
  apply_env(sys, account_env(login.target.account, record_of(login)));
  run_auth_hooks(sys, site, "checkvpw-presetuid");
  switch_to_base_user(sys, base);
  rehash_on_login(sys, login, password);
  sys.change_dir(base.home);
  run_auth_hooks(sys, site, "checkvpw-postsetuid");

  const domain::Config& config = login.virtual_account() ? login.domain->config() : global;
  MaildirPlan plan;
  if (login.virtual_account())
    plan.account_maildir = login.domain->absolute(login.record.directory);
  plan.default_maildir = config.str("default-maildir");
  plan.error_maildir = config.dir("error-maildir");
  plan.marker = config.str("maildir-arg-str");
  MaildirChoice choice =
      choose_maildir(argv, plan, [&](const std::string& p) { return sys.is_directory(p); });
  sys.set_env("MAILDIR", choice.maildir);
  return start(sys, site, choice.argv);
}

AuthOutcome dovecot(const std::vector<std::string>& argv, AuthSystem& sys,
                    const domain::Config& global, const HookSite& site, const AuthSetup& setup,
                    const VerifiedLogin& login, std::string_view password) {
  const DovecotUser user = dovecot_user(login, global);
  sys.set_env("USER", login.known_as);
  sys.set_env("HOME", user.home);
  sys.set_env("MAILDIR", user.maildir);
  apply_env(sys, account_env(login.target.account, record_of(login)));
  apply_env(sys, dovecot_env(user));
  if (setup.lookup) {
    sys.set_env("AUTHORIZED", "2");
    sys.exec(resolved(sys, argv));
  }
  run_auth_hooks(sys, site, "checkvpw-presetuid");
  rehash_on_login(sys, login, password);
  run_auth_hooks(sys, site, "checkvpw-postsetuid");
  return start(sys, site, argv);
}

}  // namespace

AuthOutcome checkvpw(const std::vector<std::string>& argv, AuthSystem& sys,
                     const domain::UserDb& users, const domain::Config& global) {
  AuthSetup setup;
  HookSite site{global, std::nullopt, {}};
  try {
    try {
      setup = auth_setup(sys.env("CHECKVPW_MODE"), sys.env("ORIG_UID"), sys.env("AUTHORIZED"));
      if (argv.empty()) throw Error(ErrorClass::usage, "no program to run");
      fmt::CheckpasswordRequest request = read_request(sys);
      VerifiedLogin login = authenticate(request, setup, sys, users, global, site);
      sys.unset_env("CHECKVPW_ERROR");
      if (setup.mode == AuthMode::dovecot)
        return dovecot(argv, sys, global, site, setup, login, request.password);
      return classic(argv, sys, global, site, login, request.password);
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {  // bad_alloc and the like: retry later
      throw Error(ErrorClass::temporary, e.what());
    }
  } catch (const Error& e) {
    return AuthOutcome{report_failure(sys, site, setup, e), e};
  }
}

}  // namespace vmm::auth
