// What every checkvpw failure does (SPEC §6): CHECKVPW_ERROR, then the
// checkvpw-loginfail hooks (bad login) or checkvpw-error hooks (anything
// else), then the exit code. The next program never runs.
#pragma once
#include "auth/hooks.h"
#include "auth/mode.h"
#include "auth/system.h"
#include "sys/error.h"

namespace vmm::auth {

// Returns failure_status(e.cls(), setup). A hook that fails or cannot run
// here only gets a warning: the login has failed already, and its exit code
// must stay the one that says why.
int report_failure(LoginSystem& sys, const HookSite& site, const AuthSetup& setup, const Error& e);

}  // namespace vmm::auth
