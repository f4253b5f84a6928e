// vadddomain: make a new virtual domain, base user and all (SPEC §20).
#include <optional>
#include <string>
#include <vector>

#include "admin/domain_add.h"
#include "cli/program.h"
#include "domain/config.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vadddomain", "[OPTION]... DOMAIN [BASEUSER]",
                        "Make DOMAIN a virtual domain owned by BASEUSER (made when missing, home\n"
                        "under domains-home): vsetup as BASEUSER, DOMAIN added to qmail's\n"
                        "control/virtualdomains and control/rcpthosts, qmail-send told. Run as root."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {quiet_option(quiet)};
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, 2, "domain");

    RealHostSystem host;
    const domain::Config global = domain::Config::global();
    std::optional<std::string> base;
    if (operands.size() == 2) base = operands[1];
    const DomainAdded r = add_domain(host, global, operands[0], base, quiet);
    const std::string control = global.dir("qmail-root") + "control/";
    if (!quiet) {
      if (r.made_user) say(kInfo.name, "made user '" + r.base + "' with home " + r.home + ".");
      if (r.added_virtualdomains)
        say(kInfo.name, "added '" + r.domain + ":" + r.base + "' to " + control + "virtualdomains.");
      if (r.added_rcpthosts)
        say(kInfo.name, "added '" + r.domain + "' to " + control + "rcpthosts.");
      if (r.reload && r.reload->how == Reload::How::svc)
        say(kInfo.name, "told qmail-send to reread its control files: " + r.reload->detail + ".");
      if (r.reload && r.reload->how == Reload::How::signal)
        say(kInfo.name, "sent SIGHUP to qmail-send (" + r.reload->detail + ").");
      if (!r.made_user && !r.added_virtualdomains && !r.added_rcpthosts)
        say(kInfo.name, "nothing to do: " + r.domain + " is already a virtual domain of '" +
                            r.base + "'.");
    }
    if (r.rcpthosts_missing)
      warn(kInfo.name, control + "rcpthosts does not exist: not made (qmail-smtpd accepts every "
                                 "domain without it; add " + r.domain + " there when you make it)");
    if (r.reload && r.reload->how == Reload::How::not_running)
      warn(kInfo.name, "qmail-send was not found running: make it reread " + control +
                           "virtualdomains yourself: " + r.reload->detail);
    return 0;
  });
}
