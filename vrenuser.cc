// vrenuser: give an account a new name (SPEC §20).
#include <string>
#include <vector>

#include "admin/account_rename.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "domain/base_user.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vrenuser", "[OPTION]... OLD NEW",
                        "Rename account OLD of the domain of $HOME to NEW: its record, its\n"
                        "directory, and the forwards of the domain that name it, in one table\n"
                        "rewrite."};

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {quiet_option(quiet)};
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 2, 2, "account names OLD and NEW");

    const domain::Domain d = domain_from_env();
    const Renamed r =
        rename_account(d, operands[0], operands[1], domains_of_home(d, domain::SystemUserDb()));
    if (!r.finished.empty()) say(kInfo.name, r.finished + " (an earlier run was interrupted).");
    for (const std::string& p : r.problems) warn(kInfo.name, p);
    if (!r.dir_note.empty()) warn(kInfo.name, r.dir_note);
    if (quiet) return 0;
    say(kInfo.name, "renamed '" + r.from + "' to '" + r.to + "'.");
    if (r.old_dir != r.new_dir)
      say(kInfo.name, "moved directory " + r.old_dir + " to " + r.new_dir + ".");
    if (!r.forwarders.empty())
      say(kInfo.name, "forwards of " + joined(r.forwarders) + " now name '" + r.to + "'.");
    return 0;
  });
}
