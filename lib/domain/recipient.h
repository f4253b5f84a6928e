// Would vdeliver take mail for this account? The rule of SPEC §7 steps 1
// and 6, decided once: the named account, else the catch-all
// (default-username); refused when neither exists, when the account has
// expired, or when it has no usable mailbox and no forwards. vdeliver
// (deliver/account) words the refusals; the lookups at SMTP time
// (lib/lookup) answer with them.
#pragma once
#include <ctime>
#include <string>
#include <string_view>

#include "domain/domain.h"
#include "fmt/record.h"

namespace vmm::domain {

enum class RecipientStatus {
  accepted,          // a usable mailbox, forwards, or both
  unknown,           // neither the name nor the catch-all is in the table
  expired,           // the account chosen has expired (the catch-all is not tried)
  no_mailbox,        // no mailbox and no forwards
  mailbox_disabled,  // its mailbox is disabled and it has no forwards
  no_mailbox_dir,    // a mailbox without a directory, and no forwards
  bad_record,        // the chosen account's record does not decode: temporary
};

struct RecipientCheck {
  RecipientStatus status = RecipientStatus::unknown;
  std::string name;     // the account chosen: the one asked for, or the catch-all
                        // (unknown: the one asked for)
  fmt::Record record;   // its record (not for unknown, bad_record)
  std::string maildir;  // absolute; empty when it has no usable mailbox
  // bad_record: "<table path>: account 'NAME': <what is wrong>". It may quote
  // a field of the record: for the administrator's log only.
  std::string problem;
};

// Reads the domain's table (and its default-username setting) and decides
// for name, looked up lowercased; an empty default-username means no
// catch-all. A table that cannot be read or is corrupt: Error(temporary).
RecipientCheck check_recipient(const Domain& domain, std::string_view name, std::time_t now);

}  // namespace vmm::domain
