// checkvpw, the checkpassword program (SPEC §4-§6): one login, from the
// request on fd 3 to the next program, in classic or Dovecot mode.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/system.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "sys/error.h"

namespace vmm::auth {

struct AuthOutcome {
  int status = 0;
  std::optional<Error> failure;  // why the login failed; nullopt after a postexec run
};

// argv: the next program and its arguments (checkvpw's own name left out).
// On success the program replaces this process and this does not return —
// except with a checkvpw-postexec hook: the program then runs as a child and,
// after the hook, its exit status is returned as it is. Every failure sets
// CHECKVPW_ERROR, runs checkvpw-loginfail or checkvpw-error, and comes back
// with its exit code (1, 2, 3 or 111); the program never runs.
//
// Classic mode, in this order: USER HOME SHELL (the base user's) and the
// VUSER variables; checkvpw-presetuid; groups, gid, uid of the base user (or
// nothing when already running as it); rehash on login; chdir to the base
// home; checkvpw-postsetuid; the Maildir argument and MAILDIR; exec.
// Dovecot mode: USER (user@domain), HOME (the account directory), MAILDIR,
// the VUSER variables, the userdb fields in EXTRA; a lookup answers with
// AUTHORIZED=2 and exec; a login runs checkvpw-presetuid, rehash on login
// (as the base user), checkvpw-postsetuid, exec.
AuthOutcome checkvpw(const std::vector<std::string>& argv, AuthSystem& sys,
                     const domain::UserDb& users, const domain::Config& global);

}  // namespace vmm::auth
