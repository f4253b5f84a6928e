#include "auth/mode.h"

namespace vmm::auth {

AuthSetup auth_setup(const std::optional<std::string>& checkvpw_mode,
                     const std::optional<std::string>& orig_uid,
                     const std::optional<std::string>& authorized) {
  AuthSetup s;
  if (checkvpw_mode && !checkvpw_mode->empty()) {
    if (*checkvpw_mode == "dovecot")
      s.mode = AuthMode::dovecot;
    else if (*checkvpw_mode != "classic")
      throw Error(ErrorClass::usage,
                  "CHECKVPW_MODE must be dovecot or classic, not '" + *checkvpw_mode + "'");
  } else if (orig_uid) {
    s.mode = AuthMode::dovecot;
  }
  s.lookup = s.mode == AuthMode::dovecot && authorized == "1";
  return s;
}

int failure_status(ErrorClass cls, const AuthSetup& setup) {
  switch (cls) {
    case ErrorClass::usage: return 2;
    case ErrorClass::bad_login: return setup.lookup ? 3 : 1;
    case ErrorClass::permanent:
    case ErrorClass::temporary: return 111;
  }
  return 111;
}

}  // namespace vmm::auth
