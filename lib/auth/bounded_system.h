// The process of a login helper that a server waits for (dovecotvpw, run by
// Dovecot's auth worker): the process's own login system, except that a
// program it runs — a hook — is killed, together with everything it
// started, when the helper's deadline comes, so a hanging hook cannot pin
// the worker.
#pragma once
#include <chrono>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/system.h"

namespace vmm::auth {

class BoundedLoginSystem final : public LoginSystem {
 public:
  using Clock = std::chrono::steady_clock;
  BoundedLoginSystem(LoginSystem& process, Clock::time_point deadline)
      : process_(process), deadline_(deadline) {}

  std::optional<std::string> env(const std::string& name) const override;
  void set_env(const std::string& name, const std::string& value) override;
  void unset_env(const std::string& name) override;
  std::time_t now() const override;
  uid_t uid() const override;
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override;
  // sys::run_program_within with the time left; past the deadline nothing
  // starts: Error(temporary, "no time left to run PATH").
  int run(const std::vector<std::string>& argv) override;
  void warn(const std::string& message) override;

 private:
  LoginSystem& process_;
  Clock::time_point deadline_;
};

}  // namespace vmm::auth
