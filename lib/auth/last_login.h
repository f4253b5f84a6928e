// The last-login time of a virtual account (SPEC §20), recorded on every
// successful login by authenticate (auth/verify.h), the path every login
// front-end shares: checkvpw in both modes, and whatever else calls it.
#pragma once
#include <string>

#include "auth/system.h"
#include "domain/domain.h"

namespace vmm::auth {

// Stores sys.now() as the last login of account in d (store::LastLogins,
// ~base/last-login/ACCOUNT), unless the setting record-last-login is 0.
// Call it as the base user (borrowed when root): the files are its own.
// Never throws and never fails a login: a failure is one sys.warn line
// naming who ("unable to record the last login of joe@example.com: ...").
void record_last_login(LoginSystem& sys, const domain::Domain& d, const std::string& account,
                       const std::string& who);

}  // namespace vmm::auth
