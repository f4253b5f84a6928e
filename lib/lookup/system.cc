#include "lookup/system.h"

namespace vmm::lookup {

uid_t ProcessLookupSystem::uid() const { return sys::effective_uid(); }

void ProcessLookupSystem::borrow(const sys::Identity& who, const std::function<void()>& fn) {
  sys::BorrowedIdentity borrowed(who);
  fn();
  borrowed.restore();
}

std::time_t ProcessLookupSystem::now() const { return std::time(nullptr); }

}  // namespace vmm::lookup
