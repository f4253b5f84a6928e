// Rules about an account's state that every entry point applies the same way.
#pragma once
#include <ctime>

#include "fmt/record.h"

namespace vmm::domain {

// An expiry time in the past (expiry <= now) means the account is expired.
bool account_expired(const fmt::Record& r, std::time_t now);

// An alias is an account without a mailbox (flag 10 clear); it may still
// have a stored directory (VMailMgr's vaddalias stored one).
inline bool is_alias(const fmt::Record& r) { return !r.has_mailbox; }

// A virtual account may log in only with a mailbox that is enabled and not
// expired (SPEC §5 step 4; the password is checked separately).
enum class LoginState { ok, no_mailbox, disabled, expired };
LoginState login_state(const fmt::Record& r, std::time_t now);

}  // namespace vmm::domain
