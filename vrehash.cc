// vrehash: moves account directories to the current user-dir layout (SPEC §8).
#include <string>
#include <vector>

#include "admin/rehash.h"
#include "admin/tool_input.h"
#include "cli/program.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {
    "vrehash", "[--quiet]",
    "Move every account directory of the domain in $HOME to the current user-dir layout."};

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
    RehashReport report = rehash_domain(domain_from_env());
    for (const auto& m : report.moved) {
      if (quiet) continue;
      say(kInfo.name,
          m.renamed ? "moved user '" + m.name + "' from " + m.from + " to " + m.to
                    : "recorded user '" + m.name + "' at " + m.to + " (moved by an earlier run)");
    }
    for (const std::string& note : report.notes) warn(kInfo.name, note);
    for (const std::string& failure : report.failures) say(kInfo.name, "error: " + failure);
    if (std::size_t n = report.failures.size())
      throw Error(ErrorClass::permanent,
                  std::to_string(n) + (n == 1 ? " account" : " accounts") + " could not be moved");
    if (!quiet)
      say(kInfo.name, std::to_string(report.moved.size()) + " moved, " +
                          std::to_string(report.in_place) + " already in place.");
    return 0;
  });
}
