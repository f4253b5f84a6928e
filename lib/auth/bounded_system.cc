#include "auth/bounded_system.h"

#include "sys/error.h"
#include "sys/exec.h"

namespace vmm::auth {

std::optional<std::string> BoundedLoginSystem::env(const std::string& name) const {
  return process_.env(name);
}

void BoundedLoginSystem::set_env(const std::string& name, const std::string& value) {
  process_.set_env(name, value);
}

void BoundedLoginSystem::unset_env(const std::string& name) { process_.unset_env(name); }

std::time_t BoundedLoginSystem::now() const { return process_.now(); }

uid_t BoundedLoginSystem::uid() const { return process_.uid(); }

void BoundedLoginSystem::borrow(const sys::Identity& who, const std::function<void()>& fn) {
  process_.borrow(who, fn);
}

int BoundedLoginSystem::run(const std::vector<std::string>& argv) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  if (left.count() <= 0)
    throw Error(ErrorClass::temporary, "no time left to run " + (argv.empty() ? "" : argv[0]));
  return sys::run_program_within(argv, left);
}

void BoundedLoginSystem::warn(const std::string& message) { process_.warn(message); }

}  // namespace vmm::auth
