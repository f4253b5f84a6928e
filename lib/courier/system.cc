#include "courier/system.h"

namespace vmm::courier {

std::optional<std::string> CourierLoginSystem::env(const std::string& name) const {
  if (name == "TCPLOCALHOST" || name == "TCPLOCALIP") return std::nullopt;
  return process_.env(name);
}

void CourierLoginSystem::set_env(const std::string& name, const std::string& value) {
  process_.set_env(name, value);
}

void CourierLoginSystem::unset_env(const std::string& name) { process_.unset_env(name); }

std::time_t CourierLoginSystem::now() const { return process_.now(); }

uid_t CourierLoginSystem::uid() const { return process_.uid(); }

void CourierLoginSystem::borrow(const sys::Identity& who, const std::function<void()>& fn) {
  process_.borrow(who, fn);
}

int CourierLoginSystem::run(const std::vector<std::string>& argv) { return process_.run(argv); }

void CourierLoginSystem::warn(const std::string& message) { process_.warn(message); }

}  // namespace vmm::courier
