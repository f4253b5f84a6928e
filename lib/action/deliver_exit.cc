#include "action/deliver_exit.h"

namespace vmm::action {

namespace {

constexpr int kExNoUser = 67, kExUnavailable = 69, kExCantCreat = 73, kExTempFail = 75;

}  // namespace

ExitCodes deliver_exit_codes(Mta mta) {
  if (mta == Mta::postfix) return {kExTempFail, kExUnavailable, kExUnavailable, kExTempFail};
  return {111, 100, 100, 111};
}

int refusal_exit_code(Mta mta, Refusal why) {
  if (mta == Mta::qmail) return 100;
  switch (why) {
    case Refusal::no_such_user: return kExNoUser;
    case Refusal::mailbox_full: return kExCantCreat;
    case Refusal::other: return kExUnavailable;
  }
  return kExUnavailable;
}

int stop_exit_code(Mta mta) { return mta == Mta::qmail ? 99 : 0; }

}  // namespace vmm::action
