#include "domain/login_verdict.h"

#include <optional>

#include "domain/account.h"
#include "domain/password.h"
#include "sys/error.h"

namespace vmm::domain {
namespace {

// Empty passwords never log in, whatever is stored ("$0$" would match one).
bool password_matches(std::string_view stored, const Secret& secret) {
  if (secret.password.empty()) {
    check_dummy(secret.password);
    return false;
  }
  return check_password(stored, secret.password) == PasswordCheck::match;
}

Verdict state_verdict(const fmt::Record& r, std::time_t now) {
  switch (login_state(r, now)) {
    case LoginState::ok: return r.directory.empty() ? Verdict::no_mailbox : Verdict::ok;
    case LoginState::no_mailbox: return Verdict::no_mailbox;
    case LoginState::disabled: return Verdict::disabled;
    case LoginState::expired: return Verdict::expired;
  }
  return Verdict::no_mailbox;
}

}  // namespace

std::string_view describe(Verdict v) {
  switch (v) {
    case Verdict::ok: return "ok";
    case Verdict::unknown: return "unknown user";
    case Verdict::wrong_password: return "wrong password";
    case Verdict::no_mailbox: return "account has no mailbox";
    case Verdict::disabled: return "mailbox is disabled";
    case Verdict::expired: return "account has expired";
    case Verdict::system_refused: return "system-user logins are disabled";
  }
  return "refused";
}

AccountVerdict check_virtual(const store::TableSnapshot& table, std::string_view account,
                             const Secret& secret, std::time_t now) {
  AccountVerdict v;
  std::string problem;
  switch (table.find(account, v.record, &problem)) {
    case store::Lookup::found:
      break;
    case store::Lookup::missing:
      if (secret.verify) check_dummy(secret.password);
      v.verdict = Verdict::unknown;
      return v;
    case store::Lookup::bad_record:
      throw Error(ErrorClass::temporary, table.path() + ": " + problem);
  }
  if (secret.verify && !password_matches(v.record.password, secret)) {
    v.verdict = Verdict::wrong_password;
    return v;
  }
  v.verdict = state_verdict(v.record, now);
  return v;
}

Verdict check_system(const UserDb& users, const std::string& name, const Secret& secret,
                     bool system_logins) {
  if (!system_logins) {
    if (secret.verify) check_dummy(secret.password);
    return Verdict::system_refused;
  }
  if (!secret.verify) return Verdict::ok;
  std::optional<std::string> hash = users.system_password(name);
  if (!hash) {
    check_dummy(secret.password);
    return Verdict::wrong_password;
  }
  bool ok = password_matches(*hash, secret);
  wipe(*hash);
  return ok ? Verdict::ok : Verdict::wrong_password;
}

}  // namespace vmm::domain
