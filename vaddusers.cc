// vaddusers: add many accounts from standard input in one table update (SPEC §8).
#include <unistd.h>

#include <ctime>
#include <string>
#include <vector>

#include "action/account_add.h"
#include "action/account_add_users.h"
#include "action/account_batch.h"
#include "action/admin.h"
#include "action/program.h"
#include "domain/password.h"

using namespace vmm;
using namespace vmm::action;

namespace {

const ProgramInfo kInfo{"vaddusers", "[OPTION]...",
                        "Add one account with a mailbox per line of standard input,\n"
                        "\"NAME PASSWORD [ALIAS]...\" (blank lines and # comments skipped), to the\n"
                        "domain of $HOME. A bad line is reported with its number and skipped; the\n"
                        "others are added in one table update. Exit 1 when any line was bad."};

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
    AddUsersResult result = add_user_lines(d, input.text(), std::time(nullptr), hash);
    for (const std::string& problem : result.problems) say(kInfo.name, problem);
    if (!quiet) {
      for (const NewAccount& a : result.added)
        say(kInfo.name, a.record.has_mailbox ? "user '" + a.name + "' successfully added"
                                              : alias_added_message(a));
    }
    return result.problems.empty() ? 0 : 1;
  });
}
