// vsocketmap: a Postfix socketmap server (socketmap_table(5)) answering, on
// standard input and output under tcpserver or unixserver, whether vdeliver
// would take mail for an address of a virtual domain:
//   virtual_alias_maps = socketmap:inet:127.0.0.1:PORT:MAPNAME
// finds a deliverable address as BASE+ACCOUNT, any other key not found. It
// answers vrcptcheck's questions too (map "rcptcheck"), for qmail-smtpds
// whose user cannot read the tables.
#include <chrono>
#include <string>
#include <vector>

#include "cli/program.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "lookup/connection.h"
#include "lookup/rcptcheck.h"
#include "lookup/socketmap.h"
#include "lookup/system.h"
#include "lookup/virtual_map.h"

using namespace vmm;
using namespace vmm::cli;
using namespace vmm::lookup;

namespace {

const ProgramInfo kInfo{"vsocketmap", "[OPTION]... MAPNAME",
                        "Answer Postfix socketmap requests for MAPNAME on standard input and\n"
                        "output: an address of a virtual domain that vdeliver would take mail\n"
                        "for is found as BASE+ACCOUNT, every other key is not found."};

// 0 the session ended (the client closed or stayed idle); 100 the client
// broke the protocol; 2 usage; 111 the connection failed.
const ExitCodes kExitCodes{2, 100, 100, 111};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, kExitCodes, [&] {
    std::chrono::seconds idle(60);
    const std::vector<Option> options = {
        {'t', "timeout", "SECONDS",
         "close a connection idle for SECONDS without a whole request (default 60)",
         [&](std::string_view v) { idle = parse_idle_timeout(v); }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, 1, "map name");
    if (operands[0] == kRcptcheckMap)
      throw Error(ErrorClass::usage, "the map name '" + operands[0] + "' is vrcptcheck's; choose another");

    const domain::Config global = domain::Config::global();
    const domain::SystemUserDb users;
    ProcessLookupSystem sys;
    auto warning = [](const std::string& message) { warn(kInfo.name, message); };
    FdConnection conn(0, 1, idle);
    SessionEnd end;
    try {  // only the connection itself can fail here: lookups become TEMP replies
      end = serve_socketmap(
          conn, {{operands[0],
                  [&](std::string_view key) { return virtual_map_reply(key, global, users, sys, warning); }},
                 {std::string(kRcptcheckMap), [&](std::string_view key) {
                    return rcptcheck_map_reply(key, global, users, sys, warning);
                  }}});
    } catch (const Error& e) {
      throw Error(ErrorClass::temporary, e.what(), e.err());
    }
    switch (end) {
      case SessionEnd::closed:
      case SessionEnd::idle: return 0;
      case SessionEnd::malformed:
        throw Error(ErrorClass::permanent, "malformed request: not a netstring; connection closed");
      case SessionEnd::too_long:
        throw Error(ErrorClass::permanent, "request longer than " + std::to_string(kSocketmapMax) +
                                               " bytes; connection closed");
      case SessionEnd::stalled:
        throw Error(ErrorClass::permanent, "the client does not read its replies; connection closed");
    }
    return 0;
  });
}
