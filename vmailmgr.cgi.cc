// vmailmgr.cgi: the web pages for domain administrators and their users
// (SPEC §18), a CGI program run by the web server as its own user. Every
// read and change is a request to vmailmgrd over its socket (setting
// socket-file); this program holds no rights, no key and no state.
#include <signal.h>

#include <string>
#include <vector>

#include "cli/program.h"
#include "domain/config.h"
#include "sys/environ.h"
#include "sys/fd.h"
#include "sys/signals.h"
#include "web/app.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vmailmgr.cgi", "[OPTION]...",
                        "The web pages of vmailmgr, a CGI program: run it from a web server\n"
                        "(GATEWAY_INTERFACE set), which passes the request in the CGI variables\n"
                        "and standard input; it answers on standard output."};

// 0 an answer was written (whatever its HTTP status); 2 usage (run outside
// a web server); 111 no answer could be written.
const ExitCodes kExitCodes{2, 111, 111, 111};

}  // namespace

int main(int argc, char** argv) {
  if (!sys::get_env("GATEWAY_INTERFACE")) {
    return run_main(kInfo, kExitCodes, [&] {
      std::vector<std::string> operands;
      if (!parse_or_answer(kInfo, {}, argc, argv, operands)) return 0;
      check_operands(operands, 0, 0, "operand");
      throw Error(ErrorClass::usage, "not run by a web server (GATEWAY_INTERFACE is not set)");
    });
  }
  // A server may pass words of an ISINDEX query as arguments: never options.
  return run_main(kInfo, kExitCodes, [&] {
    sys::ignore_signal(SIGPIPE);  // a daemon gone mid-request is a write error
    const std::string script = sys::get_env("SCRIPT_NAME").value_or("");
    web::Response answer;
    try {
      const web::CgiRequest request = web::read_cgi_request(sys::get_env, 0);
      web::UnixSocketTransport daemon(domain::Config::global().str("socket-file"));
      answer = web::handle_request(request, daemon);
    } catch (const Error& e) {
      answer = web::error_response(script, e);
    }
    sys::write_all(1, web::cgi_output(answer), "standard output");
    return 0;
  });
}
