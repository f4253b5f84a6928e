// The limits of an account's mailbox (SPEC §7 step 4): message size,
// message count and hard quota, the last two through Maildir++ maildirsize.
#pragma once
#include <cstdint>
#include <ctime>

#include "deliver/account.h"

namespace vmm::deliver {

// Throws DeliveryRefused(mailbox_full, "mailbox full: ...") when a stored
// copy of size bytes does not fit. Reading or recomputing maildirsize may
// throw other errors.
void check_mailbox_limits(const Recipient& r, std::uint64_t size, std::time_t now);

// After the copy is in new/: appends it to maildirsize (when that exists).
void count_delivery(const Recipient& r, std::uint64_t size, std::time_t now);

}  // namespace vmm::deliver
