// vdeldomain: stop hosting a virtual domain; its data stays unless asked (SPEC §20).
#include <string>
#include <vector>

#include "admin/domain_delete.h"
#include "cli/program.h"
#include "domain/config.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vdeldomain", "[OPTION]... DOMAIN",
                        "Remove DOMAIN from qmail's control/virtualdomains and control/rcpthosts\n"
                        "and tell qmail-send. The base user and its home stay, unless\n"
                        "--remove-data. Run as root."};

void report(const DomainDeleted& r, const std::string& control, bool remove_data) {
  say(kInfo.name, "removed '" + r.domain + ":" + r.base + "' from " + control + "virtualdomains.");
  if (r.removed_rcpthosts)
    say(kInfo.name, "removed '" + r.domain + "' from " + control + "rcpthosts.");
  if (r.reload.how == Reload::How::svc)
    say(kInfo.name, "told qmail-send to reread its control files: " + r.reload.detail + ".");
  if (r.reload.how == Reload::How::signal)
    say(kInfo.name, "sent SIGHUP to qmail-send (" + r.reload.detail + ").");
  if (r.removed_data) {
    say(kInfo.name, "removed user '" + r.base + "' and its home " + r.home + ".");
  } else if (!r.other_domains.empty()) {
    std::string others;
    for (const std::string& d : r.other_domains) others += (others.empty() ? "" : ", ") + d;
    say(kInfo.name, "user '" + r.base + "' still serves " + others + ".");
  } else if (!remove_data && !r.home.empty()) {
    say(kInfo.name, "kept user '" + r.base + "' and its home " + r.home +
                        " (vdeldomain --remove-data removes them).");
  }
}

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false, remove_data = false;
    const std::vector<Option> options = {
        {'r', "remove-data", nullptr,
         "also remove the base user and its home (only below domains-home, only when it serves "
         "no other domain)",
         [&](auto) { remove_data = true; }},
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, 1, "domain");

    RealHostSystem host;
    const domain::Config global = domain::Config::global();
    const DomainDeleted r = delete_domain(host, global, operands[0], remove_data);
    const std::string control = global.dir("qmail-root") + "control/";
    if (!quiet) report(r, control, remove_data);
    if (r.reload.how == Reload::How::not_running)
      warn(kInfo.name, "qmail-send was not found running: make it reread " + control +
                           "virtualdomains yourself: " + r.reload.detail);
    return 0;
  });
}
