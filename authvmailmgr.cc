// authvmailmgr: courier-authlib's authpipe program (SPEC §14). authdaemond
// starts it as root, with no arguments, as /etc/courier/authProg, and keeps
// it: requests on standard input, replies on standard output, until EOF.
#include <string>
#include <vector>

#include "auth/system.h"
#include "cli/program.h"
#include "courier/answer.h"
#include "courier/serve.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "sys/protocol_fds.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"authvmailmgr", "[OPTION]...",
                        "Answer courier-authlib authpipe requests (PRE, AUTH, PASSWD, ENUMERATE)\n"
                        "on standard input and output for the virtual domains, until end of\n"
                        "file. authdaemond runs it as /etc/courier/authProg."};

// 0 end of file; 2 usage; 111 the pipe failed. Nothing a request holds ends it.
const ExitCodes kExitCodes{2, 111, 111, 111};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, kExitCodes, [&] {
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, {}, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);

    // Before anything can run a hook: the protocol gets private descriptors.
    sys::ProtocolFds fds = sys::take_protocol_fds();
    // One line on standard error per refusal or problem (authdaemond logs it).
    auth::ProcessAuthSystem process([](const std::string& message) { say(kInfo.name, message); });
    const domain::SystemUserDb users;
    courier::serve_authpipe(fds.in.get(), fds.out.get(), [&](const fmt::AuthpipeRequest& r) {
      return courier::answer(r, process, users, domain::Config::global());
    });
    return 0;
  });
}
