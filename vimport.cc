// vimport: brings the accounts, passwords, aliases and mail of a domain of
// an older system into the domain of $HOME, in one table update (SPEC §19).
#include <ctime>
#include <string>
#include <vector>

#include "admin/tool_input.h"
#include "cli/program.h"
#include "import/report.h"
#include "import/run.h"
#include "import/source.h"
#include "store/maildir_deliver.h"
#include "sys/hostname.h"

using namespace vmm;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{
    "vimport", "[OPTION]... SOURCE DOMAIN",
    "Bring DOMAIN's accounts, passwords, aliases and mail from SOURCE (pop3d,\n"
    "vpop3d, teapop, vpopmail or virtusertable) into the domain of $HOME, in one\n"
    "table update. Existing accounts are never changed; every line that cannot\n"
    "come across is reported with the reason, and the exit status is then 1."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    import::SourcePaths paths;
    import::RunOptions run;
    bool quiet = false;
    auto path = [](std::optional<std::string>& field) {
      return [&field](std::string_view v) { field = std::string(v); };
    };
    const std::vector<Option> options = {
        {'n', "dry-run", nullptr, "only say what would be imported; change nothing", [&](auto) { run.dry_run = true; }},
        {0, "root", "DIR", "read the old system's files under DIR (a copy of its disk)", [&](std::string_view v) { paths.root = std::string(v); }},
        {0, "passwd", "FILE", "the password file (pop3d, vpop3d, teapop, virtusertable)", path(paths.passwd)},
        {0, "shadow", "FILE", "the shadow file (vpop3d, virtusertable)", path(paths.shadow)},
        {0, "aliases", "FILE", "the aliases file (vpop3d)", path(paths.aliases)},
        {0, "spool", "DIR", "the directory of the mbox mailboxes (pop3d, vpop3d, virtusertable)", path(paths.spool)},
        {0, "config", "FILE", "teapop.passwd (teapop)", path(paths.config)},
        {0, "dir", "DIR", "the domain's directory (vpopmail)", path(paths.dir)},
        {0, "table", "FILE", "the virtusertable (virtusertable)", path(paths.table)},
        {0, "mboxrd", nullptr, "unquote every >From level once (mboxrd), not only >From", [&](auto) { run.quoting = fmt::MboxQuoting::mboxrd; }},
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 2, 2, "SOURCE and DOMAIN");
    std::optional<import::SourceKind> kind = import::source_kind(operands[0]);
    if (!kind) throw Error(ErrorClass::usage, "unknown source '" + operands[0] + "'");
    paths.domain = import::source_domain(operands[1]);

    const domain::Domain d = admin::domain_from_env();
    const import::Source source = import::read_source(*kind, paths);
    run.now = std::time(nullptr);
    run.host = store::maildir_host(sys::hostname());
    const import::Outcome outcome = import::run_import(d, source, run);
    if (!quiet) say(kInfo.name, "reading " + source.description);
    for (const std::string& line : import::report_lines(outcome, run.dry_run, quiet)) say(kInfo.name, line);
    if (!quiet || !outcome.skipped.empty()) say(kInfo.name, import::report_summary(outcome, run.dry_run));
    return outcome.skipped.empty() ? 0 : 1;
  });
}
