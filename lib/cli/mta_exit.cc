#include "cli/mta_exit.h"

namespace vmm::cli {

namespace {

constexpr int kExNoUser = 67, kExUnavailable = 69, kExCantCreat = 73, kExTempFail = 75;

}  // namespace

namespace {

bool uses_sysexits(deliver::Mta mta, bool sysexits) {
  return mta == deliver::Mta::postfix || (mta == deliver::Mta::standalone && sysexits);
}

}  // namespace

ExitCodes deliver_exit_codes(deliver::Mta mta, bool sysexits) {
  auto refine = [mta, sysexits](const Error& e) {
    const auto* refused = dynamic_cast<const deliver::DeliveryRefused*>(&e);
    return refused ? refusal_exit_code(mta, refused->why(), sysexits) : 0;
  };
  if (mta == deliver::Mta::postfix)
    return {kExTempFail, kExUnavailable, kExUnavailable, kExTempFail, refine, dsn_status};
  if (uses_sysexits(mta, sysexits))
    return {kExTempFail, kExUnavailable, kExUnavailable, kExTempFail, refine};
  return {111, 100, 100, 111, refine};
}

std::string dsn_status(const Error& e) {
  if (const auto* refused = dynamic_cast<const deliver::DeliveryRefused*>(&e)) {
    switch (refused->why()) {
      case deliver::Refusal::no_such_user: return "5.1.1 ";
      case deliver::Refusal::mailbox_full: return "5.2.2 ";
      case deliver::Refusal::mailbox_disabled: return "5.2.1 ";
      case deliver::Refusal::loop: return "5.4.6 ";
      case deliver::Refusal::other: return "5.3.0 ";
    }
  }
  switch (e.cls()) {
    case ErrorClass::usage: return "4.3.5 ";
    case ErrorClass::permanent: case ErrorClass::bad_login: return "5.3.0 ";
    case ErrorClass::temporary: return "4.3.0 ";
  }
  return "4.3.0 ";
}

int refusal_exit_code(deliver::Mta mta, deliver::Refusal why, bool sysexits) {
  if (!uses_sysexits(mta, sysexits)) return 100;
  switch (why) {
    case deliver::Refusal::no_such_user: return kExNoUser;
    case deliver::Refusal::mailbox_full: return kExCantCreat;
    case deliver::Refusal::mailbox_disabled:
    case deliver::Refusal::loop:
    case deliver::Refusal::other: return kExUnavailable;
  }
  return kExUnavailable;
}

int stop_exit_code(deliver::Mta mta) { return mta == deliver::Mta::qmail ? 99 : 0; }

}  // namespace vmm::cli
