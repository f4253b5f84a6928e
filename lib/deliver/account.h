// Which account a message is for and whether it can take mail at all
// (SPEC §7 steps 1 and 6): the named account, else the catch-all
// (default-username); never a silent drop. The rule itself is
// domain::check_recipient's (the lookups at SMTP time apply it too); here
// each refusal gets delivery's wording and class.
#pragma once
#include <ctime>
#include <string>

#include "domain/domain.h"
#include "fmt/record.h"

namespace vmm::deliver {

struct Recipient {
  std::string name;     // the account found: the one asked for, or the catch-all
  fmt::Record record;
  std::string maildir;  // absolute; empty when the account has no usable mailbox
};

// Looks name up (lowercased) in the domain's table, then the catch-all.
// Neither: DeliveryRefused(no_such_user, "no such user 'NAME'"). A record
// that does not decode, or a table that cannot be read: Error(temporary).
// Expired: DeliveryRefused(other). No usable mailbox (none, disabled, no
// directory) and no forwards: DeliveryRefused(other).
Recipient find_recipient(const domain::Domain& domain, const std::string& name, std::time_t now);

}  // namespace vmm::deliver
