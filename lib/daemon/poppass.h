// The poppassd protocol (SPEC §16) that webmail password plugins speak
// (Roundcube's poppassd driver, SquirrelMail, Horde):
//   S: 200 ...        greeting
//   C: user LOGIN     S: 200 ...  (always: the answer tells nothing)
//   C: pass OLD       S: 200 ...  or, at least 1 s later, 500 ... and the end
//   C: newpass NEW    S: 200 ...  or 500 <why the new password is refused>
//   C: quit           S: 200 ...
// Commands are case-insensitive; the argument is the rest of the line after
// the command and one blank (passwords may hold blanks).
#pragma once
#include <chrono>
#include <string>

#include "daemon/credentials.h"
#include "daemon/line_channel.h"
#include "domain/login.h"

namespace vmm::daemon {

// The longest line read: "newpass " and a 256-byte password fit well.
inline constexpr std::size_t kPoppassMaxLine = 1024;

struct PoppassOutcome {
  enum Result { none, changed, failed };  // failed: a refusal, a timeout, an error
  Result result = none;
  std::string login;  // as given with "user" ("-" before any)
  std::string text;   // for the log: what happened, never a password
};

// Runs one dialogue. The login resolves through SPEC §5 (env: the server's
// local host and address); only an account that could log in passes
// "pass" (Allowed::login): anything else is answered 500 no sooner than
// kAuthFailureDelay after the line came, and the connection ends there.
// The new password goes through the same rules and code as vpasswd
// (domain::hash_new_password, admin::set_password), as the base user.
// Errors of the channel itself end the dialogue and are in the outcome.
PoppassOutcome serve_poppass(LineChannel& io, const DaemonContext& ctx,
                             const domain::LoginEnv& env);

}  // namespace vmm::daemon
