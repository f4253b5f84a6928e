// vrcptcheck: does this address exist? For qmail-smtpd's recipient checks
// (RCPTCHECK patches: $RECIPIENT; qmail-spp: $SMTPRCPTTO with --spp; or the
// address as the operand): exit 0 when vdeliver would take mail for it or
// it is not an address of a virtual domain, 100 when it would be refused,
// 111 when that cannot be decided now. Run by qmail-smtpd's user, which
// cannot read the tables, it asks a vsocketmap running as root instead
// (--socket PATH or $VRCPTCHECK_SOCKET).
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/program.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "lookup/address.h"
#include "lookup/connection.h"
#include "lookup/rcptcheck.h"
#include "lookup/system.h"
#include "sys/environ.h"
#include "sys/unix_socket.h"

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

// How long the lookup server has to answer before qmail-smtpd is told 111.
constexpr std::chrono::seconds kServerWait(10);

RcptVerdict verdict_for(const std::string& address, const std::optional<std::string>& socket) {
  if (socket && !socket->empty()) {
    sys::Fd fd = sys::connect_unix(*socket);
    FdConnection conn(fd.get(), fd.get(), kServerWait);
    return ask_rcptcheck(conn, address);
  }
  ProcessLookupSystem sys;
  return rcpt_verdict(
      look_up_address(address, domain::Config::global(), domain::SystemUserDb(), sys).status);
}

void print(const std::string& text) {
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  bool spp = false;
  std::optional<std::string> socket;
  return run_main(kInfo, kExitCodes, [&] {
    const std::vector<Option> options = {
        {0, "spp", nullptr,
         "answer as a qmail-spp plugin: the address from $SMTPRCPTTO, a refusal on stdout",
         [&](std::string_view) { spp = true; }},
        {'s', "socket", "PATH",
         "ask the vsocketmap listening on the local socket PATH (default $VRCPTCHECK_SOCKET) "
         "instead of reading the tables",
         [&](std::string_view v) { socket = std::string(v); }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    RcptVerdict verdict = RcptVerdict::temporary;
    try {
      const std::string address = rcptcheck_address(operands, spp, [](const char* name) {
        return sys::get_env(name);
      });
      if (!socket) socket = sys::get_env("VRCPTCHECK_SOCKET");
      verdict = verdict_for(address, socket);
    } catch (const Error&) {
      if (spp) print(spp_answer(RcptVerdict::temporary));
      throw;
    }
    if (spp) print(spp_answer(verdict));
    return exit_code(verdict);
  });
}
