// Adding planned accounts (account_plan.h): their directories first, then
// one table update for all of them (SPEC §3.4: a batch rewrites the table
// once). If the update fails, the directories made by this call are removed
// again — never one that existed before, and never one whose account did
// reach the table (a failure after the rename).
#pragma once
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "admin/account_plan.h"
#include "domain/domain.h"

namespace vmm::admin {

// accounts must have passed check_new_account. Under the table lock each
// name is checked again: an account added meanwhile by another process is
// Error(permanent, "account 'NAME' already exists") and nothing is added.
void add_accounts(const domain::Domain& d, const std::vector<NewAccount>& accounts);

// vadduser and vaddalias: account plus one alias per name in aliases
// (forwarding to it), all checked against the table first; then, if
// account has no password hash yet, hash() is asked for one (so nobody is
// prompted for an account that cannot be added); then add_accounts().
// Returns what was added: the account first, then its aliases.
std::vector<NewAccount> add_with_aliases(const domain::Domain& d, NewAccount account,
                                         const std::vector<std::string>& aliases, std::time_t now,
                                         const std::function<std::string()>& hash);

// "alias 'NAME' successfully added, forwarding to DEST, DEST"
std::string alias_added_message(const NewAccount& alias);

}  // namespace vmm::admin
