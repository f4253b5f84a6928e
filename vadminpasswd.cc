// vadminpasswd: set the admin password of the domain in $HOME — the one
// vmailmgrd asks for domain-wide commands (SPEC §15) — or lock or remove it.
#include <optional>
#include <string>
#include <vector>

#include "admin/tool_input.h"
#include "cli/password_input.h"
#include "cli/program.h"
#include "domain/admin_password.h"
#include "domain/password.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vadminpasswd", "[OPTION]...",
                        "Set the admin password of the domain in $HOME, which vmailmgrd asks for\n"
                        "adding, deleting and changing accounts. It is asked twice on a terminal,\n"
                        "otherwise read as one line of standard input."};

enum class Action { set, lock, remove };

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    Action action = Action::set;
    std::optional<std::string> hash;
    bool quiet = false;
    int chosen = 0;
    const std::vector<Option> options = {
        {'l', "lock", nullptr, "lock it: no admin access through vmailmgrd at all",
         [&](auto) { action = Action::lock; ++chosen; }},
        {0, "password", "HASH", "store HASH (a crypt(3) hash) as it is; ask nothing",
         [&](std::string_view v) {
           if (!domain::valid_password_hash(v))
             throw Error(ErrorClass::permanent, "invalid password hash given with --password (it must be printable ASCII without blanks)");
           hash = std::string(v);
           ++chosen;
         }},
        {'r', "remove", nullptr, "remove it: the base user's own password counts again",
         [&](auto) { action = Action::remove; ++chosen; }},
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0, "operand");
    if (chosen > 1) throw Error(ErrorClass::usage, "give at most one of --lock, --password, --remove");

    const std::string home = admin::domain_from_env().home();
    const std::string path = domain::admin_password_path(home);
    switch (action) {
      case Action::remove:
        if (domain::remove_admin_password(home)) {
          if (!quiet) say(kInfo.name, path + " removed: the base user's password is the admin password again");
        } else if (!quiet) {
          say(kInfo.name, "there is no " + path + ": nothing to remove");
        }
        return 0;
      case Action::lock:
        domain::store_admin_password(home, "*");
        if (!quiet) say(kInfo.name, "admin password locked: vmailmgrd allows no admin access to this domain");
        return 0;
      case Action::set: break;
    }
    if (!hash) {
      std::string password = read_new_password("admin");
      hash = domain::hash_new_password(password);
      domain::wipe(password);
    }
    domain::store_admin_password(home, *hash);
    if (!quiet) say(kInfo.name, "admin password changed (" + path + ")");
    return 0;
  });
}
