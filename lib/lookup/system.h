// What a lookup does to its own process — who it is, borrowing a base
// user's identity to read that user's files, the clock — behind one
// interface, so the lookups can be tested with a recording fake.
#pragma once
#include <sys/types.h>

#include <ctime>
#include <functional>

#include "sys/privs.h"

namespace vmm::lookup {

class LookupSystem {
 public:
  virtual ~LookupSystem() = default;
  virtual uid_t uid() const = 0;  // effective: 0 = root
  // Runs fn as who and returns to root (sys::BorrowedIdentity). Root only.
  virtual void borrow(const sys::Identity& who, const std::function<void()>& fn) = 0;
  virtual std::time_t now() const = 0;
};

// The real process.
class ProcessLookupSystem final : public LookupSystem {
 public:
  uid_t uid() const override;
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override;
  std::time_t now() const override;
};

}  // namespace vmm::lookup
