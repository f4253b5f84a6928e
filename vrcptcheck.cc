// vrcptcheck: does this address exist? For qmail-smtpd's recipient checks
// (RCPTCHECK patches: $RECIPIENT; qmail-spp: $SMTPRCPTTO with --spp; or the
// address as the operand): exit 0 when vdeliver would take mail for it or
// it is not an address of a virtual domain, 100 when it would be refused,
// 111 when that cannot be decided now.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/program.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "lookup/address.h"
#include "lookup/rcptcheck.h"
#include "lookup/system.h"
#include "sys/environ.h"

using namespace vmm;
using namespace vmm::cli;
using namespace vmm::lookup;

namespace {

const ProgramInfo kInfo{"vrcptcheck", "[OPTION]... [ADDRESS]",
                        "Exit 0 when vdeliver would take mail for ADDRESS (default $RECIPIENT)\n"
                        "or it is not an address of a virtual domain, 100 when it would be\n"
                        "refused, 111 when that cannot be decided now."};

// The one map: 0 exists (or not ours), 100 unknown, 111 anything else. A
// misuse is the administrator's to fix, never the sender's: 111 too.
const ExitCodes kExitCodes{111, 100, 111, 111};

int exit_code(RcptVerdict v) {
  switch (v) {
    case RcptVerdict::exists: return 0;
    case RcptVerdict::unknown: return kExitCodes.bad_login;
    case RcptVerdict::temporary: break;
  }
  return kExitCodes.temporary;
}

void print(const std::string& text) {
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  bool spp = false;
  return run_main(kInfo, kExitCodes, [&] {
    const std::vector<Option> options = {
        {0, "spp", nullptr,
         "answer as a qmail-spp plugin: the address from $SMTPRCPTTO, a refusal on stdout",
         [&](std::string_view) { spp = true; }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    RcptVerdict verdict = RcptVerdict::temporary;
    try {
      const std::string address = rcptcheck_address(operands, spp, [](const char* name) {
        return sys::get_env(name);
      });
      ProcessLookupSystem sys;
      verdict = rcpt_verdict(look_up_address(address, domain::Config::global(),
                                             domain::SystemUserDb(), sys).status);
    } catch (const Error&) {
      if (spp) print(spp_answer(RcptVerdict::temporary));
      throw;
    }
    if (spp) print(spp_answer(verdict));
    return exit_code(verdict);
  });
}
