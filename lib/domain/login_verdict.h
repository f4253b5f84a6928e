// SPEC §5 step 4, and its counterpart for system users: may the account
// named by a login log in with this password?
#pragma once
#include <ctime>
#include <string>
#include <string_view>

#include "domain/base_user.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::domain {

enum class Verdict {
  ok,
  unknown,         // no such account
  wrong_password,  // mismatch, a locked hash, an empty password, no readable hash
  no_mailbox,      // an alias (or a mailbox without a directory): never logs in
  disabled,        // mailbox-enabled flag cleared
  expired,
  system_refused,  // a system-user login while system-logins is 0
};

// "unknown user", "wrong password", ... for messages and CHECKVPW_ERROR.
std::string_view describe(Verdict v);

// What is being asked: a password check, or (verify = false) only whether
// the account may log in at all — Dovecot's userdb lookup of a user it has
// already authenticated.
struct Secret {
  std::string_view password;
  bool verify = true;
};

struct AccountVerdict {
  Verdict verdict = Verdict::unknown;
  fmt::Record record;  // the account's record when it exists
};

// The password is checked before the account's state, so only someone who
// knows it learns that an account is disabled or expired; an unknown account
// costs one dummy hash (check_dummy) like a real check. A record that does
// not decode throws Error(temporary, "<table path>: account 'NAME': ...").
AccountVerdict check_virtual(const store::TableSnapshot& table, std::string_view account,
                             const Secret& secret, std::time_t now);

// A system user (getspnam hash). system_logins false refuses it after the
// same dummy hash. A missing or unreadable shadow entry is wrong_password.
Verdict check_system(const UserDb& users, const std::string& name, const Secret& secret,
                     bool system_logins);

}  // namespace vmm::domain
