// Which checkpassword dialect checkvpw speaks (SPEC §6): classic (qmail-popup,
// tcpserver: switch to the base user and exec) or Dovecot 2.3 (no uid change,
// userdb fields through EXTRA, AUTHORIZED lookups), and its exit codes.
#pragma once
#include <optional>
#include <string>

#include "sys/error.h"

namespace vmm::auth {

enum class AuthMode { classic, dovecot };

struct AuthSetup {
  AuthMode mode = AuthMode::classic;
  bool lookup = false;  // Dovecot's AUTHORIZED=1: no password, "does the user exist?"
  bool operator==(const AuthSetup&) const = default;
};

// CHECKVPW_MODE "dovecot" or "classic" decides; unset or empty, Dovecot mode
// is chosen when ORIG_UID is set (Dovecot sets it for checkpassword). Any
// other CHECKVPW_MODE is Error(usage). AUTHORIZED=1 means a lookup in
// Dovecot mode only: classic mode always checks the password.
AuthSetup auth_setup(const std::optional<std::string>& checkvpw_mode,
                     const std::optional<std::string>& orig_uid,
                     const std::optional<std::string>& authorized);

// The exit code of a failure: 2 usage (misuse, malformed fd 3), 1 bad login
// (3 for a Dovecot lookup: "unknown user"), 111 anything else.
int failure_status(ErrorClass cls, const AuthSetup& setup);

}  // namespace vmm::auth
