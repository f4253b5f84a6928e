// vchforwards: replaces the forward list of one account (SPEC §8).
#include <string>
#include <vector>

#include "admin/account_forwards.h"
#include "admin/tool_input.h"
#include "cli/program.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {"vchforwards", "[OPTION]... NAME [DEST]...",
                           "Replace the forwards of account NAME with DEST... (none clears them)."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, any_number);
    store::Table table = domain_from_env().table();
    std::vector<std::string> dests(operands.begin() + 1, operands.end());
    fmt::Record r = change_forwards(table, operands[0], dests);
    std::string name = store::table_key(operands[0]);
    if (!r.has_mailbox && r.forwards.empty())
      warn(kInfo.name,
           "user '" + name + "' has neither a mailbox nor forwards: mail to it bounces");
    if (!quiet)
      say(kInfo.name,
          std::string(dests.empty() ? "forwards for user '" + name + "' cleared."
                                    : "forwards for user '" + name + "' successfully changed."));
    return 0;
  });
}
