#include "auth/failure.h"

#include <exception>
#include <string>

namespace vmm::auth {

int report_failure(LoginSystem& sys, const HookSite& site, const AuthSetup& setup, const Error& e) {
  try {
    sys.set_env("CHECKVPW_ERROR", e.what());
  } catch (const std::exception& x) {
    sys.warn(x.what());
  }
  const char* event = e.cls() == ErrorClass::bad_login ? "checkvpw-loginfail" : "checkvpw-error";
  try {
    run_auth_hooks(sys, site, event);
  } catch (const std::exception& x) {
    sys.warn(x.what());
  }
  return failure_status(e.cls(), setup);
}

}  // namespace vmm::auth
