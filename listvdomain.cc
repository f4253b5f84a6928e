// listvdomain: the "User Mailbox Aliases" table of the domain (SPEC §8).
#include <string>
#include <vector>

#include "admin/domain_listing.h"
#include "admin/tool_input.h"
#include "cli/program.h"
#include "fmt/time_text.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo = {"listvdomain", "[-a|-u] [-l] [-n DATE] [NAME]...",
                           "List the accounts of the domain in $HOME (or only NAME...)."};

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    ListFilter filter = ListFilter::all;
    bool with_last_login = false;
    std::optional<std::time_t> not_since;
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
        {'l', "last-login", nullptr, "add the time of each account's last login",
         [&](auto) { with_last_login = true; }},
        {'n', "not-since", "DATE",
         "only accounts with a mailbox not logged in since DATE (YYYY-MM-DD or @SECONDS)",
         [&](std::string_view v) {
           not_since = fmt::parse_date(v);
           if (!not_since)
             throw Error(ErrorClass::permanent,
                         "bad date '" + std::string(v) + "': use YYYY-MM-DD or @SECONDS");
         }},
    };
    std::vector<std::string> names;
    if (!parse_or_answer(kInfo, options, argc, argv, names)) return 0;
    const domain::Domain d = domain_from_env();
    store::TableSnapshot table = d.table().read();
    const store::LastLogins logins = d.last_logins();
    const LastLoginColumn column{logins, not_since};
    Listing listing = list_domain(table, filter, names,
                                  with_last_login || not_since ? &column : nullptr);
    sys::write_all(1, listing.text, "standard output");
    for (const std::string& problem : listing.problems) say(kInfo.name, "error: " + problem);
    if (std::size_t n = listing.problems.size())
      throw Error(ErrorClass::permanent,
                  std::to_string(n) + (n == 1 ? " account" : " accounts") + " could not be listed");
    return 0;
  });
}
