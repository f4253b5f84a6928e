// showvconfig: every effective setting as "name: value" (SPEC §2).
#include <cstdlib>
#include <string>
#include <vector>

#include "admin/config_show.h"
#include "cli/program.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {
    "showvconfig", "[--help|--version]",
    "Show every setting as the tools see it: ~/.vmailmgr, then the global directory."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, {}, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);
    std::string text = show_config(config_for_home(std::getenv("HOME")));
    sys::write_all(1, text, "standard output");
    return 0;
  });
}
