// vaddusers: add many accounts from standard input in one table update (SPEC §8).
#include <ctime>

#include "admin/account_add.h"
#include "admin/account_add_users.h"
#include "cli/batch_program.h"

using namespace vmm;

int main(int argc, char** argv) {
  const cli::ProgramInfo info{
      "vaddusers", "[OPTION]...",
      "Add one account with a mailbox per line of standard input,\n"
      "\"NAME PASSWORD [ALIAS]...\" (blank lines and # comments skipped), to the\n"
      "domain of $HOME. A bad line is reported with its number and skipped; the\n"
      "others are added in one table update. Exit 1 when any line was bad."};
  return cli::run_batch_program(info, argc, argv, [](const domain::Domain& d, const std::string& input,
                                                     const admin::HashFn& hash) {
    admin::AddUsersResult result = admin::add_user_lines(d, input, std::time(nullptr), hash);
    cli::BatchOutcome out{std::move(result.problems), {}};
    for (const admin::NewAccount& a : result.added)
      out.changes.push_back(a.record.has_mailbox ? "user '" + a.name + "' successfully added"
                                                 : admin::alias_added_message(a));
    return out;
  });
}
