// vupgrade: rewrites the domain's table in version 2, or imports the legacy
// text password file of a domain that has no table yet (SPEC §8).
#include <string>
#include <vector>

#include "admin/tool_input.h"
#include "admin/upgrade.h"
#include "cli/program.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {
    "vupgrade", "[--quiet]",
    "Convert the table of the domain in $HOME to version 2, or import its text passwd file."};

std::string accounts(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " account" : " accounts");
}

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    bool quiet = false;
    const std::vector<Option> options = {
        {0, "quiet", nullptr, "print nothing but warnings and errors",
         [&](std::string_view) { quiet = true; }},
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);
    domain::Domain d = domain_from_env();
    UpgradeReport r = upgrade_domain(d);
    const std::string where = r.source == UpgradeReport::text_file ? r.text_path + ": " : "";
    for (const std::string& note : r.notes) warn(kInfo.name, where + note);
    if (r.source == UpgradeReport::text_file) {
      for (const std::string& p : r.problems) say(kInfo.name, "error: " + where + p);
      if (std::size_t n = r.problems.size())
        throw Error(ErrorClass::permanent,
                    "nothing imported: " + std::to_string(n) + " bad line(s) in " + r.text_path);
      if (!quiet)
        say(kInfo.name, "imported " + accounts(r.imported) + " from " + r.text_path + " into " +
                            d.table().path());
      return 0;
    }
    if (!quiet) {
      say(kInfo.name, r.converted == 0 && r.problems.empty()
                          ? "every record is already version 2; nothing changed."
                          : accounts(r.converted) + " converted to version 2, " +
                                std::to_string(r.current) + " already current.");
    }
    for (const std::string& p : r.problems) say(kInfo.name, "error: " + p);
    if (std::size_t n = r.problems.size())
      throw Error(ErrorClass::permanent, accounts(n) + " could not be converted");
    return 0;
  });
}
