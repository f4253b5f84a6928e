// A delivery refused for good (SPEC §7): the sender gets a bounce. The
// reason is kept so that each mail system can be told which refusal it is
// (cli/mta_exit.h turns it into qmail's or Postfix's exit code).
#pragma once
#include <string>

#include "sys/error.h"

namespace vmm::deliver {

enum class Refusal {
  no_such_user,      // no account and no catch-all
  mailbox_full,      // the mailbox cannot take the message (quota, count, size)
  mailbox_disabled,  // expired, or neither a usable mailbox nor forwards
  loop,              // the message already went through this account
  other,             // a forward refused or invalid
};

class DeliveryRefused : public Error {
 public:
  DeliveryRefused(Refusal why, const std::string& message)
      : Error(ErrorClass::permanent, message), why_(why) {}
  Refusal why() const { return why_; }

 private:
  Refusal why_;
};

}  // namespace vmm::deliver
