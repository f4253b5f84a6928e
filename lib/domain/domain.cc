#include "domain/domain.h"

#include <utility>

#include "domain/account_dir.h"
#include "sys/error.h"

namespace vmm::domain {

Domain::Domain(std::string home, Config global)
    : home_(std::move(home)), config_(global.for_domain(home_)) {
  while (home_.size() > 1 && home_.back() == '/') home_.pop_back();
}

Domain Domain::at_home(std::string home) { return Domain(std::move(home), Config::global()); }

store::Table Domain::table() const { return store::Table(home_, config_.str("password-file")); }

store::LastLogins Domain::last_logins() const { return store::LastLogins(home_ + "/last-login"); }

static unsigned small_number(const Config& c, std::string_view name) {
  fmt::Limit v = c.number(name);
  if (!v) return 0;  // "-" makes no sense for a bit count: treat as none
  if (*v > 32)
    throw Error(ErrorClass::permanent, "setting " + std::string(name) + " is " +
                                           std::to_string(*v) + ", at most 32 makes sense");
  return static_cast<unsigned>(*v);
}

std::string Domain::new_account_dir(std::string_view name) const {
  const std::string user_dir = config_.dir("user-dir");
  // The same rule as vadduser -d: accounts never go above the home, into
  // the home itself or into the settings.
  if (std::string why = account_dir_problem(user_dir, home_); !why.empty())
    throw Error(ErrorClass::permanent, "setting user-dir '" + user_dir + "' is invalid: " + why);
  return account_dir(user_dir, small_number(config_, "user-dir-bits"),
                     small_number(config_, "user-dir-slices"), name);
}

std::string Domain::absolute(std::string_view stored_dir) const {
  if (stored_dir.empty() || stored_dir.front() == '/') return std::string(stored_dir);
  while (stored_dir.size() >= 2 && stored_dir.substr(0, 2) == "./") stored_dir.remove_prefix(2);
  return home_ + "/" + std::string(stored_dir);
}

}  // namespace vmm::domain
