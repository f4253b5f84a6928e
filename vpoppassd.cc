// vpoppassd: the poppassd protocol (SPEC §16) for webmail password plugins,
// on standard input and output, run as root by tcpserver:
//   tcpserver 127.0.0.1 106 vpoppassd
// One log line per connection on standard error.
#include <signal.h>

#include <string>
#include <vector>

#include "cli/program.h"
#include "daemon/line_channel.h"
#include "daemon/log_line.h"
#include "daemon/poppass.h"
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

const ProgramInfo kInfo{"vpoppassd", "[OPTION]...",
                        "Change the password of a virtual account through the poppassd protocol\n"
                        "on standard input and output, as root under tcpserver; log the outcome\n"
                        "on standard error."};

// 0 the dialogue ended (whatever its outcome); 2 usage; 111 the connection
// could not be set up.
const ExitCodes kExitCodes{2, 111, 111, 111};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, kExitCodes, [&] {
    std::chrono::seconds idle(60);
    const std::vector<Option> options = {
        {'t', "timeout", "SECONDS", "end a dialogue idle for SECONDS (default 60)",
         [&](std::string_view v) { idle = lookup::parse_idle_timeout(v); }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0, "operand");

    sys::ignore_signal(SIGPIPE);
    sys::set_nonblocking(1, "standard output");
    const domain::Config global = domain::Config::global();
    const domain::SystemUserDb users;
    daemon::ProcessDaemonSystem sys;
    const daemon::DaemonContext ctx{global, users, sys};
    const domain::LoginEnv env{sys::get_env("TCPLOCALHOST").value_or(""),
                               sys::get_env("TCPLOCALIP").value_or("")};
    daemon::FdLineChannel io(0, 1, idle, daemon::kPoppassMaxLine);
    daemon::PoppassOutcome o = daemon::serve_poppass(io, ctx, env);
    say(kInfo.name, daemon::log_field(daemon::peer_name(sys::get_env), true, 128) + " " +
                        daemon::log_field(o.login, true, 128) + ": " + (o.result == daemon::PoppassOutcome::changed  ? "OK"
                         : o.result == daemon::PoppassOutcome::failed ? "ERROR"
                                                                      : "-") +
                        ": " + daemon::log_field(o.text, false, 1024));
    return 0;
  });
}
