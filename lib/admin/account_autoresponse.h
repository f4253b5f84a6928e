// The autoresponse of one account for the base user's tool (vautoresponse):
// the account's record says where its directory is; domain::Autoresponse
// does the rest, as for vmailmgrd and vdeliver.
#pragma once
#include <string>
#include <string_view>

#include "domain/autoresponse.h"
#include "domain/domain.h"

namespace vmm::admin {

// The autoresponse of account name (lowercased here). Unknown account,
// undecodable record: find_account's errors; an account without a stored
// directory: Error(permanent, "account 'NAME' has no directory for an
// autoresponse").
domain::Autoresponse account_autoresponse(const domain::Domain& domain, std::string_view name);

// A warning worth giving about a message about to be stored, or "": it has
// no Subject line (replies then say "Auto: <the original subject>"); ""
// also for a message write() refuses (its error says why).
std::string autoresponse_warning(std::string_view message);

}  // namespace vmm::admin
