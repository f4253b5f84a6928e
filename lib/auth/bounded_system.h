// The process of a login helper that a server waits for (dovecotvpw, run by
// Dovecot's auth worker): the process's own login system, except that a
// program it runs — a hook — is killed, together with everything it
// started, when the helper's deadline comes, so a hanging hook cannot pin
// the worker.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "auth/system.h"

namespace vmm::auth {

class BoundedLoginSystem final : public DelegatingLoginSystem {
 public:
  using Clock = std::chrono::steady_clock;
  BoundedLoginSystem(LoginSystem& process, Clock::time_point deadline)
      : DelegatingLoginSystem(process), deadline_(deadline) {}

  // sys::run_program_within with the time left; past the deadline nothing
  // starts: Error(temporary, "no time left to run PATH").
  int run(const std::vector<std::string>& argv) override;

 private:
  Clock::time_point deadline_;
};

}  // namespace vmm::auth
