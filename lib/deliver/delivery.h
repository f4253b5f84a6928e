// vdeliver's whole delivery of one message (SPEC §7): find the account,
// stream stdin once into a stored copy (watching for a loop), run the
// predeliver hook, check the mailbox limits, forward, move the copy into
// new/, run the postdeliver hook. Only DeliveryRefused is permanent; every
// other failure is temporary and leaves nothing in new/ and no tmp file.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "deliver/env.h"

namespace vmm::deliver {

struct DeliveryReport {
  enum class Outcome {
    delivered,    // stored and/or forwarded
    stopped,      // the predeliver hook said 99: success, nothing done
    hook_status,  // the predeliver hook said something else: exit with it
  } outcome = Outcome::delivered;
  int hook_status = 0;
  std::vector<std::string> notes;     // what was done, for the mail log
  std::vector<std::string> warnings;  // what went wrong without failing the delivery
};

// message_fd is read exactly once, to its end, and need not be seekable.
DeliveryReport deliver_message(const DeliverOptions& opts, const DeliveryEnv& env, int message_fd,
                       std::time_t now);

}  // namespace vmm::deliver
