#include "deliver/account.h"

#include <utility>

#include "deliver/refusal.h"
#include "domain/recipient.h"
#include "sys/error.h"

namespace vmm::deliver {

// The decision is domain::check_recipient's (shared with the lookups at
// SMTP time); the wording of each refusal is delivery's.
Recipient find_recipient(const domain::Domain& domain, const std::string& name, std::time_t now) {
  using S = domain::RecipientStatus;
  domain::RecipientCheck c = domain::check_recipient(domain, name, now);
  const std::string account = "account '" + c.name + "' ";
  switch (c.status) {
    case S::accepted: break;
    case S::unknown:
      throw DeliveryRefused(Refusal::no_such_user, "no such user '" + name + "'");
    case S::expired: throw DeliveryRefused(Refusal::mailbox_disabled, account + "has expired");
    case S::no_mailbox:
      throw DeliveryRefused(Refusal::mailbox_disabled, account + "has no mailbox and no forwards");
    case S::mailbox_disabled:
      throw DeliveryRefused(Refusal::mailbox_disabled,
                            account + "has its mailbox disabled and no forwards");
    case S::no_mailbox_dir:
      throw DeliveryRefused(Refusal::mailbox_disabled,
                            account + "has no mailbox directory and no forwards");
    // A broken record is for the administrator to fix: mail waits.
    case S::bad_record: throw Error(ErrorClass::temporary, c.problem);
  }
  return Recipient{std::move(c.name), std::move(c.record), std::move(c.maildir)};
}

}  // namespace vmm::deliver
