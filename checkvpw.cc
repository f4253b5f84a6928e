// checkvpw: the checkpassword program for virtual domains (SPEC §6).
//   checkvpw prog [args...]   with "login NUL password NUL [timestamp NUL]" on fd 3
// Exit codes: 1 bad login (3: unknown user in a Dovecot lookup), 2 misuse,
// 111 temporary failure; on success prog replaces checkvpw.
// No options: the checkpassword interface makes argv the next program.
#include <string>
#include <vector>

#include "auth/checkpassword_login.h"
#include "auth/system.h"
#include "cli/program.h"
#include "domain/base_user.h"
#include "domain/config.h"

namespace {

constexpr vmm::cli::ProgramInfo kInfo{
    "checkvpw", "prog [args...]",
    "check a login on fd 3 against the virtual domain tables, then run prog"};

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> next(argv + (argc > 0 ? 1 : 0), argv + argc);
  vmm::auth::ProcessAuthSystem sys(
      [](const std::string& message) { vmm::cli::warn(kInfo.name, message); });
  vmm::domain::SystemUserDb users;
  vmm::auth::AuthOutcome outcome;
  try {
    outcome = vmm::auth::checkvpw(next, sys, users, vmm::domain::Config::global());
  } catch (const std::exception& e) {  // only if even the failure report failed
    vmm::cli::say(kInfo.name, std::string("fatal: temporary failure: ") + e.what());
    return 111;
  }
  // One line on stderr per failure; never the password (messages name the login at most).
  if (outcome.failure) vmm::cli::report(kInfo, *outcome.failure);
  return outcome.status;
}
