// What the daemons (vmailmgrd, vpoppassd) do to their own process — who it
// runs as, the clock, the pause after a failed authentication — behind one
// interface, so the command handling can be tested with a recording fake.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <ctime>

#include "sys/privs.h"

namespace vmm::daemon {

using Clock = std::chrono::steady_clock;

class DaemonSystem {
 public:
  virtual ~DaemonSystem() = default;
  virtual uid_t uid() const = 0;  // effective: 0 = root
  // For good: groups, gid, uid (sys::become).
  virtual void become(const sys::Identity& who) = 0;
  virtual std::time_t now() const = 0;  // wall clock, for expiry and new accounts
  virtual Clock::time_point clock() const = 0;
  virtual void sleep_until(Clock::time_point t) = 0;
};

class ProcessDaemonSystem final : public DaemonSystem {
 public:
  uid_t uid() const override;
  void become(const sys::Identity& who) override;
  std::time_t now() const override;
  Clock::time_point clock() const override;
  void sleep_until(Clock::time_point t) override;
};

}  // namespace vmm::daemon
