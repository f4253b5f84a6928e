// vaddalias: add an alias, an account with no mailbox that forwards mail (SPEC §8, §13).
#include <ctime>
#include <string>
#include <vector>

#include "admin/account_add.h"
#include "admin/account_alias.h"
#include "admin/account_plan.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vaddalias", "[OPTION]... ALIAS DEST...",
                        "Add ALIAS to the domain of $HOME, forwarding mail to every DEST (an address\n"
                        "local@domain or an account of the domain). The older order USER ALIAS works\n"
                        "too: with two operands where USER exists and ALIAS does not and has no '@',\n"
                        "ALIAS is made, forwarding to USER."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    const std::time_t now = std::time(nullptr);
    bool quiet = false;
    const std::vector<Option> options = {
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    if (operands.size() < 2)
      throw Error(ErrorClass::usage, operands.empty() ? "missing alias and destination" : "missing destination");

    domain::Domain d = domain_from_env();
    AliasRequest request = alias_request(operands, d.table().read());
    NewAccount alias = plan_alias(d, request.alias, request.dests, now);
    std::vector<NewAccount> added = add_with_aliases(d, alias, {}, now, [] { return std::string("*"); });
    if (!quiet) say(kInfo.name, alias_added_message(added.front()));
    return 0;
  });
}
