// listvdomain: the "User Mailbox Aliases" table of the domain (SPEC §8).
#include <string>
#include <vector>

#include "admin/domain_listing.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {"listvdomain", "[-a|-u] [NAME]...",
                           "List the accounts of the domain in $HOME (or only NAME...)."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    ListFilter filter = ListFilter::all;
    auto only = [&filter](ListFilter f) {
      return [&filter, f](std::string_view) {
        if (filter != ListFilter::all && filter != f)
          throw Error(ErrorClass::usage, "-a and -u exclude each other");
        filter = f;
      };
    };
    const std::vector<Option> options = {
        {'a', "aliases", nullptr, "only accounts without a mailbox", only(ListFilter::aliases)},
        {'u', "users", nullptr, "only accounts with a mailbox", only(ListFilter::mailboxes)},
    };
    std::vector<std::string> names;
    if (!parse_or_answer(kInfo, options, argc, argv, names)) return 0;
    store::TableSnapshot table = domain_from_env().table().read();
    Listing listing = list_domain(table, filter, names);
    sys::write_all(1, listing.text, "standard output");
    for (const std::string& problem : listing.problems) say(kInfo.name, "error: " + problem);
    if (std::size_t n = listing.problems.size())
      throw Error(ErrorClass::permanent,
                  std::to_string(n) + (n == 1 ? " account" : " accounts") + " could not be listed");
    return 0;
  });
}
