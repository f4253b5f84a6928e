// vdeliver's exit codes (SPEC §7), the one map per mail system: qmail-local
// reads 0 / 99 / 100 / 111, Postfix local(8) reads <sysexits.h> codes. A
// usage error or a missing environment is the administrator's mistake and
// must not bounce mail: it maps to "temporary" under both.
#pragma once
#include <string>

#include "action/program.h"
#include "sys/error.h"

namespace vmm::action {

enum class Mta { qmail, postfix };

// Why a delivery was refused for good; Postfix gets a code saying which.
enum class Refusal {
  no_such_user,  // EX_NOUSER 67
  mailbox_full,  // EX_CANTCREAT 73: the mailbox cannot take the message
  other,         // EX_UNAVAILABLE 69: loop, expired, no mailbox, refused forward
};

class DeliveryRefused : public Error {
 public:
  DeliveryRefused(Refusal why, const std::string& message)
      : Error(ErrorClass::permanent, message), why_(why) {}
  Refusal why() const { return why_; }

 private:
  Refusal why_;
};

// qmail: usage 111, permanent 100, temporary 111.
// Postfix: usage 75 (EX_TEMPFAIL), permanent 69, temporary 75.
ExitCodes deliver_exit_codes(Mta mta);
// qmail: 100 for every refusal; Postfix: 67, 73 or 69.
int refusal_exit_code(Mta mta, Refusal why);
// A vdeliver-predeliver hook's 99: qmail's "delivered, ignore the rest of
// .qmail-default"; Postfix has no such code, so there it is plain success.
int stop_exit_code(Mta mta);

}  // namespace vmm::action
