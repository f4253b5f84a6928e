// vpasswd: change the password of one account (SPEC §8).
#include <string>
#include <vector>

#include "admin/account_lookup.h"
#include "admin/account_password.h"
#include "admin/tool_input.h"
#include "cli/password_input.h"
#include "cli/program.h"
#include "domain/account_name.h"
#include "domain/password.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vpasswd", "[OPTION]... NAME",
                        "Change the password of account NAME in the domain of $HOME. The password\n"
                        "is asked twice on a terminal, otherwise read as one line of standard input."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, 1);

    domain::Domain d = domain_from_env();
    const std::string name = domain::account_name(operands[0]);
    find_account(d.table().read(), name);  // no prompt for an account that is not there
    std::string password = read_new_password(name);
    std::string hash = domain::hash_new_password(password);
    domain::wipe(password);
    set_password(d, name, hash);
    if (!quiet) say(kInfo.name, "password for user '" + name + "' successfully changed.");
    return 0;
  });
}
