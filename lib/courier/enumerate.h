// authpipe's ENUMERATE (SPEC §14): every virtual account with a mailbox, for
// authenumerate and what builds on it (Courier's shared folder index).
#pragma once
#include <string>

#include "auth/system.h"
#include "domain/base_user.h"
#include "domain/config.h"

namespace vmm::courier {

// One line per account that has a mailbox (disabled and expired ones too:
// their mail is there), "account@domain", the base user's uid and gid, the
// account directory as home and Maildir, no options; for each domain of
// control/virtualdomains in byte order, its accounts in byte order; then
// ".\n". Skipped: ".suffix" keys (they name no domain), domains in
// control/locals, and — each with a warning through sys — a base user that
// does not exist or has uid 0 (it never logs in), a table that cannot be
// read, a record that does not decode, an account whose line Courier could
// not read back. As root, each table is read as its base user.
// An unreadable control file throws (the caller answers FAIL).
std::string enumerate_accounts(auth::LoginSystem& sys, const domain::UserDb& users,
                               const domain::Config& global);

}  // namespace vmm::courier
