// vpasswds: change many passwords from standard input in one table update (SPEC §8).
#include <unistd.h>

#include <string>
#include <vector>

#include "action/account_batch.h"
#include "action/account_password.h"
#include "action/admin.h"
#include "action/program.h"
#include "domain/password.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::action;

namespace {

const ProgramInfo kInfo{"vpasswds", "[OPTION]...",
                        "Change passwords from standard input, one \"NAME PASSWORD\" per line (the\n"
                        "password is the rest of the line; blank lines and # comments skipped), in\n"
                        "one table update. A bad line is reported with its number and skipped.\n"
                        "Exit 1 when any line was bad."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    HashFn hash = domain::hash_password;
    const std::vector<Option> options = {
        hashed_option(hash),
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);

    domain::Domain d = domain_from_env();
    BatchInput input(STDIN_FILENO);
    PasswordsResult result = set_password_lines(d, input.text(), hash);
    for (const std::string& problem : result.problems) say(kInfo.name, problem);
    if (!quiet)
      for (const std::string& name : result.changed)
        say(kInfo.name, "password for user '" + name + "' successfully changed.");
    return result.problems.empty() ? 0 : 1;
  });
}
