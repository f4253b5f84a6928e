#include "cli/mta_exit.h"

namespace vmm::cli {

namespace {

constexpr int kExNoUser = 67, kExUnavailable = 69, kExCantCreat = 73, kExTempFail = 75;

}  // namespace

ExitCodes deliver_exit_codes(deliver::Mta mta) {
  auto refine = [mta](const Error& e) {
    const auto* refused = dynamic_cast<const deliver::DeliveryRefused*>(&e);
    return refused ? refusal_exit_code(mta, refused->why()) : 0;
  };
  if (mta == deliver::Mta::postfix)
    return {kExTempFail, kExUnavailable, kExUnavailable, kExTempFail, refine};
  return {111, 100, 100, 111, refine};
}

int refusal_exit_code(deliver::Mta mta, deliver::Refusal why) {
  if (mta == deliver::Mta::qmail) return 100;
  switch (why) {
    case deliver::Refusal::no_such_user: return kExNoUser;
    case deliver::Refusal::mailbox_full: return kExCantCreat;
    case deliver::Refusal::other: return kExUnavailable;
  }
  return kExUnavailable;
}

int stop_exit_code(deliver::Mta mta) { return mta == deliver::Mta::qmail ? 99 : 0; }

}  // namespace vmm::cli
