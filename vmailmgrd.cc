// vmailmgrd: VMailMgr's administration daemon, protocol version 2 (SPEC
// §15), one request per connection on standard input and output, run as
// root by unixserver or tcpserver:
//   unixserver -m 077 /run/vmailmgrd/socket vmailmgrd
//   tcpserver 127.0.0.1 PORT vmailmgrd
// One log line per request on standard error.
#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include "cli/program.h"
#include "daemon/log_line.h"
#include "daemon/session.h"
#include "daemon/session_key.h"
#include "daemon/system.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "lookup/connection.h"
#include "sys/environ.h"
#include "sys/fd_wait.h"
#include "sys/signals.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vmailmgrd", "[OPTION]...",
                        "Answer one request of VMailMgr's daemon protocol (version 2) on standard\n"
                        "input and output, as root under unixserver or tcpserver; log it on\n"
                        "standard error."};

// 0 the request was answered (whatever the answer); 2 usage; 111 the
// connection could not be set up.
const ExitCodes kExitCodes{2, 111, 111, 111};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, kExitCodes, [&] {
    daemon::SessionLimits limits;
    const std::vector<Option> options = {
        {'t', "timeout", "SECONDS",
         "drop a request not complete within SECONDS, and a client not reading its reply (default 5)",
         [&](std::string_view v) { limits.request = limits.reply = lookup::parse_idle_timeout(v); }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0, "operand");

    sys::ignore_signal(SIGPIPE);  // a client gone is a write error, logged
    sys::set_nonblocking(1, "standard output");
    const domain::Config global = domain::Config::global();
    const domain::SystemUserDb users;
    daemon::ProcessDaemonSystem sys;
    daemon::SessionKeySource keys(global, 0);  // root's alone
    const daemon::DaemonContext ctx{global, users, sys, &keys};
    daemon::LogEntry entry = daemon::serve_connection(0, 1, ctx, limits);
    entry.peer = daemon::peer_name(sys::get_env);
    say(kInfo.name, daemon::log_line(entry));
    return 0;
  });
}
