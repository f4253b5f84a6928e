// vautoresponse: shows and changes an account's autoresponse (vacation
// message, SPEC §17), for the base user in its home.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "admin/account_autoresponse.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;
using domain::AutoresponseChange;

namespace {

const ProgramInfo kInfo = {
    "vautoresponse", "[OPTION]... NAME [status|show|set [FILE]|enable|disable|delete]",
    "Show or change the autoresponse of account NAME (status when no action is given)."};

std::string read_message(const std::vector<std::string>& operands) {
  const std::size_t max = domain::autoresponse_max_bytes;
  if (operands.size() < 3 || operands[2] == "-") return sys::read_bounded(0, max, "standard input");
  return sys::read_file(operands[2], max);
}

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {quiet_option(quiet)};
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, 3);
    const std::string action = operands.size() > 1 ? operands[1] : "status";
    if (operands.size() == 3 && action != "set")
      throw Error(ErrorClass::usage, "unexpected operand '" + operands[2] + "'");
    domain::Autoresponse ar = account_autoresponse(domain_from_env(), operands[0]);
    const std::string who = "user '" + store::table_key(operands[0]) + "'";
    auto done = [&](const std::string& text) {
      if (!quiet) say(kInfo.name, text);
      return 0;
    };
    if (action == "status") {
      std::cout << status_text(ar.status()) << "\n" << std::flush;
      return 0;
    }
    if (action == "show") {
      std::optional<std::string> text = ar.read();
      if (!text) throw Error(ErrorClass::permanent, who + " has no autoresponse message");
      std::cout << *text << std::flush;
      return 0;
    }
    if (action == "set") {
      std::string text = read_message(operands);
      if (std::string w = autoresponse_warning(text); !w.empty()) warn(kInfo.name, w);
      bool off = ar.write(text) == domain::AutoresponseStatus::disabled;
      return done("autoresponse for " + who + (off ? " set; it stays disabled." : " set and enabled."));
    }
    if (action == "enable" || action == "disable") {
      bool enable = action == "enable";
      AutoresponseChange c = enable ? ar.enable() : ar.disable();
      if (c == AutoresponseChange::nothing)
        throw Error(ErrorClass::permanent, who + " has no autoresponse message");
      return done("autoresponse for " + who + (c == AutoresponseChange::already ? " was already " : " ") +
                  action + "d.");
    }
    if (action == "delete") {
      if (ar.remove() == AutoresponseChange::nothing)
        return done(who + " had no autoresponse.");
      return done("autoresponse for " + who + " deleted.");
    }
    throw Error(ErrorClass::usage, "unknown action '" + action + "'");
  });
}
