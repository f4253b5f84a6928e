#include "auth/last_login.h"

#include <exception>

namespace vmm::auth {

void record_last_login(LoginSystem& sys, const domain::Domain& d, const std::string& account,
                       const std::string& who) {
  try {
    const fmt::Limit on = d.config().number("record-last-login");
    if (on && *on == 0) return;
    d.last_logins().record(account, sys.now());
  } catch (const std::exception& e) {
    sys.warn("unable to record the last login of " + who + ": " + e.what());
  }
}

}  // namespace vmm::auth
