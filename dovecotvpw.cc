// dovecotvpw: the helper dovecotvpw.lua runs for Dovecot's Lua passdb and
// userdb (2.3 and 2.4): one login or userdb lookup per run, checked by the
// same code as checkvpw (SPEC §5).
//   dovecotvpw [--userdb] [--dovecot=VERSION] ANSWER-FILE
// The request (login, password, addresses, service) comes on stdin, never
// on the command line or in the environment; the answer goes into
// ANSWER-FILE, an existing file (the Lua's os.tmpname) emptied first.
// Exit codes: 0 an answer was written (a refusal is an answer too), 2
// misuse, 111 no answer could be written.
#include <fcntl.h>

#include <chrono>
#include <string>
#include <vector>

#include "auth/bounded_system.h"
#include "auth/lua_login.h"
#include "auth/system.h"
#include "cli/program.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "domain/password.h"
#include "fmt/dovecot_lua.h"
#include "sys/deadline.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"dovecotvpw", "[OPTION]... ANSWER-FILE",
                        "Check the login or look up the user requested on standard input for\n"
                        "dovecotvpw.lua (Dovecot's Lua passdb and userdb) and write the answer\n"
                        "into ANSWER-FILE."};

const ExitCodes kExitCodes{2, 111, 111, 111};

}  // namespace

int main(int argc, char** argv) {
  const auto started = auth::BoundedLoginSystem::Clock::now();
  return run_main(kInfo, kExitCodes, [&] {
    sys::end_process_after(auth::kLuaHelperEnd);
    auth::LuaSetup setup;
    const std::vector<Option> options = {
        {0, "userdb", nullptr, "a userdb lookup: no password, the fields unprefixed",
         [&](std::string_view) { setup.userdb = true; }},
        {0, "dovecot", "VERSION", "field names for Dovecot 2.3 (the default) or 2.4",
         [&](std::string_view v) { setup.version = auth::parse_dovecot_version(v); }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, 1, "answer file");

    // All of stdin first: the Lua writes it before anything here can fail.
    std::string request = sys::read_bounded(0, fmt::kLuaRequestMax, "standard input");
    sys::Fd answer = sys::open_file(operands[0], O_WRONLY | O_TRUNC | O_NOFOLLOW);
    auth::ProcessAuthSystem process([](const std::string& m) { warn(kInfo.name, m); });
    auth::BoundedLoginSystem bounded(process, started + auth::kLuaHookDeadline);
    const std::string text = auth::lua_exchange(request, setup, bounded, domain::SystemUserDb(),
                                                domain::Config::global());
    domain::wipe(request);
    sys::write_all(answer.get(), text, operands[0]);
    answer.close();
    return 0;
  });
}
