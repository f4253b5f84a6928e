// vchattr: sets one attribute (or several) of named accounts (SPEC §8, §13).
#include <string>
#include <vector>

#include "admin/account_change.h"
#include "admin/tool_input.h"
#include "cli/program.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {"vchattr", "OPTION VALUE [OPTION VALUE]... NAME...",
                           "Change an attribute of each named account of the domain in $HOME."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    AttrChange change;
    bool quiet = false;
    auto attr = [&change](char letter) {
      return [&change, letter](std::string_view v) { set_attribute(change, letter, v); };
    };
    const std::vector<Option> options = {
        {'c', "msgcount", "COUNT", "message count limit (- = unlimited)", attr('c')},
        {'e', "expiry", "TIME", "expiry as absolute unix time (- = never)", attr('e')},
        {'E', "enabled", "0|1", "mailbox enabled (1) or disabled (0)", attr('E')},
        {'p', "personal", "TEXT", "personal information (full name)", attr('p')},
        {'q', "softquota", "BYTES", "soft quota (- = unlimited)", attr('q')},
        {'Q', "hardquota", "BYTES", "hard quota (- = unlimited)", attr('Q')},
        {'z', "msgsize", "BYTES", "message size limit (- = unlimited)", attr('z')},
        quiet_option(quiet),
    };
    std::vector<std::string> names;
    if (!parse_or_answer(kInfo, options, argc, argv, names)) return 0;
    if (change.count() == 0) throw Error(ErrorClass::usage, "no attribute to change");
    check_operands(names, 1, any_number);
    store::Table table = domain_from_env().table();
    const char* what = change.count() == 1 ? "attribute" : "attributes";
    for (const std::string& name : change_attributes(table, change, names)) {
      if (!quiet)
        say(kInfo.name, std::string(what) + " for user '" + name + "' successfully changed.");
    }
    return 0;
  });
}
