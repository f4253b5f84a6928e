// vdeluser: delete accounts and their directories (SPEC §8).
#include <string>
#include <vector>

#include "admin/account_delete.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vdeluser", "[OPTION]... NAME...",
                        "Delete each account NAME of the domain of $HOME: its record, then its\n"
                        "directory with everything in it (never following a symbolic link)."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool aliases_only = false, quiet = false;
    const std::vector<Option> options = {
        {'D', "aliases-only", nullptr, "refuse to delete an account that has a mailbox", [&](auto) { aliases_only = true; }},
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, any_number);

    domain::Domain d = domain_from_env();
    int status = 0;
    for (const Deleted& del : delete_accounts(d, operands, aliases_only)) {
      if (!quiet) say(kInfo.name, "user '" + del.name + "' successfully deleted");
      const std::string dir = del.directory.empty() ? "the directory of '" + del.name + "'"
                                                    : "directory " + d.absolute(del.directory);
      if (del.outcome == DirOutcome::kept) warn(kInfo.name, dir + " left in place: " + del.reason);
      if (del.outcome == DirOutcome::failed) {
        say(kInfo.name, dir + " not removed: " + del.reason);
        status = 1;
      }
    }
    return status;
  });
}
