// dumpvuser: every field of one account, as "Key: value" lines (SPEC §13).
#include <string>
#include <vector>

#include "admin/account_dump.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {"dumpvuser", "NAME",
                           "Show every field of account NAME of the domain in $HOME."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, {}, argc, argv, operands)) return 0;
    check_operands(operands, 1, 1);
    store::TableSnapshot table = domain_from_env().table().read();
    sys::write_all(1, dump_account(table, operands[0]), "standard output");
    return 0;
  });
}
