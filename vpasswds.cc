// vpasswds: change many passwords from standard input in one table update (SPEC §8).
#include "admin/account_password.h"
#include "cli/batch_program.h"

using namespace vmm;

int main(int argc, char** argv) {
  const cli::ProgramInfo info{
      "vpasswds", "[OPTION]...",
      "Change passwords from standard input, one \"NAME PASSWORD\" per line (the\n"
      "password is the rest of the line; blank lines and # comments skipped), in\n"
      "one table update. A bad line is reported with its number and skipped.\n"
      "Exit 1 when any line was bad."};
  return cli::run_batch_program(info, argc, argv, [](const domain::Domain& d, const std::string& input,
                                                     const admin::HashFn& hash) {
    admin::PasswordsResult result = admin::set_password_lines(d, input, hash);
    cli::BatchOutcome out{std::move(result.problems), {}};
    for (const std::string& name : result.changed)
      out.changes.push_back("password for user '" + name + "' successfully changed.");
    return out;
  });
}
