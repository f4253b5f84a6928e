// vsetup: make $HOME a virtual domain (SPEC §8). Running it again changes nothing.
#include <ctime>
#include <string>
#include <vector>

#include "admin/domain_setup.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vsetup", "[OPTION]...",
                        "Make $HOME a virtual domain: the users directory, .qmail-default piping\n"
                        "mail to vdeliver, and the postmaster aliases. Runs the vsetup-pre hook\n"
                        "first and the vsetup-post hook last."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);

    domain::Domain d = domain_from_env();
    run_setup_hooks(d, "vsetup-pre");
    SetupResult r = setup_domain(d, std::time(nullptr));
    if (!quiet) {
      if (r.made_user_dir) say(kInfo.name, "created users directory.");
      if (r.qmail_default == QmailDefault::replaced)
        say(kInfo.name, "kept the old '.qmail-default' as '.qmail-default~'.");
      if (r.qmail_default != QmailDefault::unchanged) say(kInfo.name, "wrote '.qmail-default' file.");
      for (const std::string& alias : r.added_aliases) say(kInfo.name, "added alias '" + alias + "'");
      if (!r.changed()) say(kInfo.name, "nothing to do: the domain is already set up.");
    }
    run_setup_hooks(d, "vsetup-post");
    return 0;
  });
}
