// vadduser: add an account with a Maildir to the domain of $HOME (SPEC §8).
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "admin/account_add.h"
#include "admin/account_plan.h"
#include "admin/tool_input.h"
#include "cli/password_input.h"
#include "cli/program.h"
#include "domain/password.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::cli;

namespace {

const ProgramInfo kInfo{"vadduser", "[OPTION]... NAME [ALIAS]...",
                        "Add the account NAME with a mailbox to the domain of $HOME; each ALIAS\n"
                        "becomes an alias forwarding to it. The password is asked twice on a\n"
                        "terminal, otherwise read as one line of standard input."};

// Sets a limit option; "-" is unlimited and 0 a real 0.
auto limit(std::optional<fmt::Limit>& field, const char* what) {
  return [&field, what](std::string_view v) { field = parse_limit(v, what); };
}

}  // namespace

int main(int argc, char** argv) {
  return run_main(kInfo, admin_exit_codes, [&] {
    const std::time_t now = std::time(nullptr);
    AccountOptions o;
    std::optional<std::string> hash;
    bool quiet = false;
    const std::vector<Option> options = {
        {'c', "msgcount", "COUNT", "most messages in the mailbox (- = unlimited)", limit(o.msg_count, "message count")},
        {'D', "no-mailbox", nullptr, "no mailbox: mail only goes to the forwards", [&](auto) { o.mailbox = false; }},
        {'d', "directory", "DIR", "the account's directory, relative to $HOME", [&](std::string_view v) { o.directory = std::string(v); }},
        {'e', "expiry", "SECONDS", "expire SECONDS from now (- = never)", [&](std::string_view v) { o.expiry = parse_lifetime(v, now); }},
        {'f', "forward", "ADDRESS", "also forward mail to ADDRESS (repeatable)", [&](std::string_view v) { o.forwards.emplace_back(v); }},
        {0, "password", "HASH", "store HASH as the password hash; ask nothing", [&](std::string_view v) {
           if (!domain::valid_password_hash(v))
             throw Error(ErrorClass::permanent, "invalid password hash given with --password (it must be printable ASCII without blanks)");
           hash = std::string(v);
         }},
        {'P', "no-password", nullptr, "no password: the account cannot log in", [&](auto) { hash.emplace(1, '*'); }},
        {'p', "personal", "TEXT", "personal information, such as a full name", [&](std::string_view v) { o.personal = std::string(v); }},
        {'Q', "hardquota", "BYTES", "hard quota of the mailbox (- = unlimited)", limit(o.hard_quota, "hard quota")},
        {'q', "softquota", "BYTES", "soft quota of the mailbox (- = unlimited)", limit(o.soft_quota, "soft quota")},
        {'z', "msgsize", "BYTES", "largest message accepted (- = unlimited)", limit(o.msg_size, "message size")},
        quiet_option(quiet),
    };
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 1, any_number);

    domain::Domain d = domain_from_env();
    NewAccount account = plan_account(d, operands[0], o, hash.value_or(""), now);
    std::vector<std::string> aliases(operands.begin() + 1, operands.end());
    auto ask = [&] {
      std::string password = read_new_password(account.name);
      std::string stored = domain::hash_new_password(password);
      domain::wipe(password);
      return stored;
    };
    std::vector<NewAccount> added = add_with_aliases(d, account, aliases, now, ask);
    if (quiet) return 0;
    say(kInfo.name, "user '" + added.front().name + "' successfully added");
    for (std::size_t i = 1; i < added.size(); ++i) say(kInfo.name, alias_added_message(added[i]));
    return 0;
  });
}
