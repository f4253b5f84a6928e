// vaddusers (SPEC §8): lines "name password [alias...]" on standard input.
// A bad line is reported with its number and skipped; every good line goes
// into ONE table update, with a Maildir made for each added account only.
#pragma once
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "admin/account_batch.h"
#include "admin/account_plan.h"
#include "domain/domain.h"

namespace vmm::admin {

struct AddUsersResult {
  std::vector<std::string> problems;  // "line N: ..." in input order
  std::vector<NewAccount> added;      // each account, then its aliases, in input order
};

// Plans and checks every line against the table as it is now and the lines
// before it (a line with any bad part — name, missing password, existing or
// repeated account or alias, existing directory — is skipped whole), hashes
// the good passwords, then add_accounts() once. A temporary error (libcrypt,
// I/O) or a failed update throws and adds nothing. The accounts get the
// domain's default limits; their aliases forward to them.
AddUsersResult add_user_lines(const domain::Domain& d, std::string_view input, std::time_t now,
                              const HashFn& hash);

}  // namespace vmm::admin
