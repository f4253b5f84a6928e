// The decision part of checkvpw: the checkpassword request against SPEC §5,
// ending in a verified login or a bad_login Error saying why.
#pragma once
#include <optional>
#include <string>

#include "auth/hooks.h"
#include "auth/mode.h"
#include "auth/system.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "domain/domain.h"
#include "domain/login_target.h"
#include "domain/login_verdict.h"
#include "fmt/checkpassword.h"
#include "fmt/record.h"
#include "sys/error.h"

namespace vmm::auth {

// Every refusal of authenticate: an Error(bad_login) that also says which
// kind, for a front-end whose peer tells them apart (Dovecot's Lua passdb:
// unknown user, wrong password, disabled). A malformed login and a base
// user with uid 0 count as unknown.
class LoginRefusal : public Error {
 public:
  LoginRefusal(domain::Verdict verdict, const std::string& message)
      : Error(ErrorClass::bad_login, message), verdict_(verdict) {}
  domain::Verdict verdict() const { return verdict_; }

 private:
  domain::Verdict verdict_;
};

struct VerifiedLogin {
  domain::LoginTarget target;
  std::string known_as;                  // domain::known_as: Dovecot's USER
  std::optional<domain::Domain> domain;  // set for a virtual account
  fmt::Record record;                    // the virtual account's record
  bool virtual_account() const { return domain.has_value(); }
};

// Reads qmail-root's control files and the base user's table, TCPLOCALHOST
// and TCPLOCALIP through sys. A lookup (setup.lookup) checks no password.
// Refusals are LoginRefusal (Error(bad_login, "<why>: <login>")), e.g. "wrong password:
// joe@example.com"; a malformed login is not echoed. Every refusal that did
// not check a real hash costs one dummy hash. A virtual account whose base
// user has uid 0 is refused. As soon as the base user of a virtual account
// is known, site gets its per-domain hooks, so its loginfail hook runs too.
// As root, the base user's settings and table are read with the base user's
// identity borrowed (sys.borrow): they are its files.
VerifiedLogin authenticate(const fmt::CheckpasswordRequest& request, const AuthSetup& setup,
                           LoginSystem& sys, const domain::UserDb& users,
                           const domain::Config& global, HookSite& site);

}  // namespace vmm::auth
