// checkvpw: the checkpassword program for virtual domains (SPEC §6).
//   checkvpw prog [args...]   with "login NUL password NUL [timestamp NUL]" on fd 3
// Exit codes: 1 bad login (3: unknown user in a Dovecot lookup), 2 misuse,
// 111 temporary failure; on success prog replaces checkvpw.
// No options: the checkpassword interface makes argv the next program.
#include <string>
#include <vector>

#include "action/auth.h"
#include "action/auth_system.h"
#include "action/program.h"
#include "domain/base_user.h"
#include "domain/config.h"

namespace {

constexpr vmm::action::ProgramInfo kInfo{
    "checkvpw", "prog [args...]",
    "check a login on fd 3 against the virtual domain tables, then run prog"};

// One line on stderr per failure, in the suite's grammar. Never the password:
// the messages name the login at most.
void report(const vmm::Error& e) {
  using vmm::ErrorClass;
  const std::string what = e.what();
  switch (e.cls()) {
    case ErrorClass::usage:
      vmm::action::say(kInfo.name, what);
      vmm::action::say(kInfo.name, vmm::action::usage_line(kInfo));
      break;
    case ErrorClass::bad_login:
      vmm::action::say(kInfo.name, "login failed: " + what);
      break;
    case ErrorClass::permanent:
      vmm::action::say(kInfo.name, "fatal: " + what);
      break;
    case ErrorClass::temporary:
      vmm::action::say(kInfo.name, "fatal: temporary failure: " + what);
      break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> next(argv + (argc > 0 ? 1 : 0), argv + argc);
  vmm::action::ProcessAuthSystem sys;
  vmm::domain::SystemUserDb users;
  vmm::action::AuthOutcome outcome;
  try {
    outcome = vmm::action::checkvpw(next, sys, users, vmm::domain::Config::global());
  } catch (const std::exception& e) {  // only if even the failure report failed
    vmm::action::say(kInfo.name, std::string("fatal: temporary failure: ") + e.what());
    return 111;
  }
  if (outcome.failure) report(*outcome.failure);
  return outcome.status;
}
