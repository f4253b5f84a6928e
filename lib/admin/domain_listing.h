// listvdomain (SPEC §8): the "User Mailbox Aliases" table of one domain, in
// exactly the form VMailMgr 0.97 printed it, so scripts reading it keep working.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"
#include "store/last_login.h"
#include "store/table.h"

namespace vmm::admin {

enum class ListFilter {
  all,        // every account
  aliases,    // -a: accounts without a mailbox
  mailboxes,  // -u: accounts with a mailbox
};

// "name Yes", "name Yes(disabled)" or "name No", then every forward after a
// space; no newline.
std::string listing_line(std::string_view name, const fmt::Record& r);

struct Listing {
  std::string text;                   // the header and one line per account shown
  std::vector<std::string> problems;  // accounts that could not be shown, and why
};

// listvdomain --last-login and --not-since (SPEC §20): a third column,
// "Last-Login", between Mailbox and Aliases: the time of the account's last
// login (fmt::time_text), "never", or "-" for an alias (it cannot log in).
struct LastLoginColumn {
  const store::LastLogins& logins;
  // Set: only accounts with a mailbox that have not logged in since then
  // (last login before it, or never).
  std::optional<std::time_t> not_since;
};

// names empty: every account in table order. Otherwise the named accounts in
// the order given; a name that is invalid or not in the table is a problem.
// A record that does not decode is a problem too ("account 'NAME': ...");
// the listing goes on either way. The filter applies to named accounts too.
// With last_login, the lines have its column; a last-login time that cannot
// be read is a problem of that account.
Listing list_domain(const store::TableSnapshot& table, ListFilter filter,
                    const std::vector<std::string>& names,
                    const LastLoginColumn* last_login = nullptr);

}  // namespace vmm::admin
