// dovecotvpw: the helper dovecotvpw.lua runs for Dovecot's Lua passdb and
// userdb (2.3 and 2.4), checked by the same code as checkvpw (SPEC §5).
//   dovecotvpw --serve [--dovecot=VERSION]
// What the script runs: one helper per auth worker, for as long as the
// worker lives. It makes a private FIFO (a new 0700 directory in /tmp),
// prints its path on stdout, takes the requests (kind, login, password,
// addresses, service) through it and answers each on stdout, ended by an
// empty line; each request is bounded (hooks 4 s, the whole request 5 s,
// then the kernel ends the helper and the script starts another one).
//   dovecotvpw [--userdb] [--dovecot=VERSION] ANSWER-FILE
// One request on stdin, the answer into ANSWER-FILE (an existing file,
// emptied first), then exit. Requests never come on the command line or in
// the environment. Exit codes: 0 an answer was written (a refusal is an
// answer too) or the script went away, 2 misuse, 111 no answer could be
// written or the FIFO could not be made.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "auth/bounded_system.h"
#include "auth/lua_login.h"
#include "auth/lua_serve.h"
#include "auth/system.h"
#include "cli/program.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "domain/password.h"
#include "fmt/dovecot_lua.h"
#include "sys/deadline.h"
#include "sys/fd.h"
#include "sys/private_fifo.h"
#include "sys/protocol_fds.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"dovecotvpw", "[OPTION]... [ANSWER-FILE]",
                        "Check the logins and look up the users dovecotvpw.lua (Dovecot's Lua\n"
                        "passdb and userdb) asks for: with --serve through a private FIFO for as\n"
                        "long as the script runs, or else the one request on standard input,\n"
                        "answered into ANSWER-FILE."};

const ExitCodes kExitCodes{2, 111, 111, 111};

// The script opens the FIFO right after reading its path.
constexpr std::chrono::seconds kScriptConnect{5};

void warn_of(const std::string& m) { warn(kInfo.name, m); }

int serve(const auth::LuaSetup& base) {
  // Nothing of Dovecot's (sockets, log pipes) stays open here or reaches a
  // hook; then stdout becomes the answer pipe's private descriptor.
  ::close_range(3, ~0U, 0);
  sys::ProtocolFds fds = sys::take_protocol_fds();
  sys::PrivateFifo fifo = sys::make_private_fifo("/tmp", "dovecotvpw");
  sys::write_all(fds.out.get(), fifo.path + "\n", "the answer pipe");
  if (!sys::await_writer(fifo, kScriptConnect))
    throw Error(ErrorClass::temporary, "the script did not open " + fifo.path);
  auth::ProcessAuthSystem process(warn_of);
  auth::serve_lua(fifo.fd.get(), fds.out.get(), [&](bool userdb, std::string_view request) {
    const auto started = auth::BoundedLoginSystem::Clock::now();
    sys::end_process_after(auth::kLuaHelperEnd);
    auth::LuaSetup setup = base;
    setup.userdb = userdb;
    auth::RequestLoginSystem one(process);
    auth::BoundedLoginSystem bounded(one, started + auth::kLuaHookDeadline);
    std::string text = auth::lua_exchange(request, setup, bounded, domain::SystemUserDb(),
                                          domain::Config::global());
    sys::end_process_after(std::chrono::seconds(0));
    return text;
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = auth::BoundedLoginSystem::Clock::now();
  return run_main(kInfo, kExitCodes, [&] {
    sys::end_process_after(auth::kLuaHelperEnd);
    auth::LuaSetup setup;
    bool serving = false;
    const std::vector<Option> options = {
        {0, "serve", nullptr, "serve requests through a private FIFO until the script goes",
         [&](std::string_view) { serving = true; }},
        {0, "userdb", nullptr, "a userdb lookup: no password, the fields unprefixed",
         [&](std::string_view) { setup.userdb = true; }},
        {0, "dovecot", "VERSION", "field names for Dovecot 2.3 (the default) or 2.4",
         [&](std::string_view v) { setup.version = auth::parse_dovecot_version(v); }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    if (serving) {
      if (setup.userdb) throw Error(ErrorClass::usage, "--serve takes the kind with each request");
      check_operands(operands, 0, 0);
      sys::end_process_after(std::chrono::seconds(0));  // bounded per request instead
      return serve(setup);
    }
    check_operands(operands, 1, 1, "answer file");

    // All of stdin first: the Lua writes it before anything here can fail.
    std::string request = sys::read_bounded(0, fmt::kLuaRequestMax, "standard input");
    sys::Fd answer = sys::open_file(operands[0], O_WRONLY | O_TRUNC | O_NOFOLLOW);
    auth::ProcessAuthSystem process(warn_of);
    auth::BoundedLoginSystem bounded(process, started + auth::kLuaHookDeadline);
    const std::string text = auth::lua_exchange(request, setup, bounded, domain::SystemUserDb(),
                                                domain::Config::global());
    domain::wipe(request);
    sys::write_all(answer.get(), text, operands[0]);
    answer.close();
    return 0;
  });
}
