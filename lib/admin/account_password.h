// Changing passwords: vpasswd (one account) and vpasswds (lines
// "name password" on standard input, one table update for all).
// Only the hash changes; every other field of the record is kept.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "admin/account_batch.h"
#include "domain/domain.h"

namespace vmm::admin {

// Stores hash as the password of name (valid, lowercased). Under the table
// lock: a missing account is Error(permanent, "account 'NAME' does not
// exist"), an undecodable record Error(permanent, "account 'NAME': ...").
// A version 1 or legacy record is written back in version 2. Goes through
// the table's change queue (Table::edit): the hash waits there, in a 0600
// file of the 0700 queue directory, only until the next rewrite.
void set_password(const domain::Domain& d, const std::string& name, const std::string& hash);

struct PasswordsResult {
  std::vector<std::string> problems;  // "line N: ..." in input order
  std::vector<std::string> changed;   // account names, in input order
};

// Each line is "name password"; the password is the rest of the line, so
// it may hold blanks (trailing ones are stripped). A bad line (invalid or
// unknown name, undecodable record, no password, a name given twice) is
// reported and skipped; the good ones are hashed and stored in one update.
// A temporary error or a failed update throws and changes nothing.
PasswordsResult set_password_lines(const domain::Domain& d, std::string_view input,
                                   const HashFn& hash);

}  // namespace vmm::admin
