// Rehash on login (SPEC §4): after a good login with a legacy hash, the
// password the user just proved is stored again as a hash of the preferred
// method. The caller decides who writes (always the base user, so the new
// table belongs to it) and that a failure here never fails the login.
#pragma once
#include <chrono>
#include <string_view>

#include "auth/system.h"
#include "auth/verify.h"
#include "domain/config.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::auth {

// rehash-on-login is not 0 and the stored hash is legacy (is_legacy_hash).
bool wants_rehash(const domain::Config& domain_config, const fmt::Record& record);

enum class RehashResult {
  stored,   // the new hash replaced old_hash
  changed,  // the account's hash is no longer old_hash, or the account is gone: left alone
};

// Under the table's writer lock, waiting at most wait (a login must not hang
// behind a long batch): replaces account's hash with hash_password(password)
// if it still is old_hash. Every other field is kept. Errors propagate.
RehashResult rehash_password(store::Table& table, std::string_view account,
                             std::string_view old_hash, std::string_view password,
                             std::chrono::milliseconds wait);

// A login must not hang behind a long batch run holding the table's lock.
inline constexpr std::chrono::milliseconds kRehashLockWait{2000};

// After a good login (checkvpw, authvmailmgr): rehash_password when
// wants_rehash, always written by the base user so the table stays its own
// (0600): directly when we are it, borrowed when root, else skipped. Never
// fails the login: a failure is only a warning through sys.
void rehash_on_login(LoginSystem& sys, const VerifiedLogin& login, std::string_view password);

}  // namespace vmm::auth
