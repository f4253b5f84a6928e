#include "domain/account.h"

namespace vmm::domain {

bool account_expired(const fmt::Record& r, std::time_t now) {
  return r.expiry && now >= 0 && *r.expiry <= static_cast<std::uint64_t>(now);
}

LoginState login_state(const fmt::Record& r, std::time_t now) {
  if (!r.has_mailbox) return LoginState::no_mailbox;
  if (!r.mailbox_enabled) return LoginState::disabled;
  if (account_expired(r, now)) return LoginState::expired;
  return LoginState::ok;
}

}  // namespace vmm::domain
