#include "cli/batch_program.h"

#include "admin/tool_input.h"
#include "cli/program.h"
#include "domain/password.h"
#include <unistd.h>


namespace vmm::cli {

Option hashed_option(admin::HashFn& hash) {
  return {0, "hashed", nullptr, "each password is already a crypt(3) hash: store it as given",
          [&hash](std::string_view) { hash = admin::keep_hash; }};
}

int run_batch_program(const ProgramInfo& info, int argc, char** argv, const BatchBody& body) {
  return run_main(info, admin_exit_codes, [&] {
    bool quiet = false;
    admin::HashFn hash = domain::hash_new_password;
    const std::vector<Option> options = {hashed_option(hash), quiet_option(quiet)};
    std::vector<std::string> operands;
    if (!parse_or_answer(info, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);

    const domain::Domain d = admin::domain_from_env();
    const admin::BatchInput input(STDIN_FILENO);
    const BatchOutcome outcome = body(d, input.text(), hash);
    for (const std::string& problem : outcome.problems) say(info.name, problem);
    if (!quiet)
      for (const std::string& change : outcome.changes) say(info.name, change);
    return outcome.problems.empty() ? 0 : 1;
  });
}

}  // namespace vmm::cli
