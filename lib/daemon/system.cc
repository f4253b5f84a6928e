#include "daemon/system.h"

#include <thread>

namespace vmm::daemon {

uid_t ProcessDaemonSystem::uid() const { return sys::effective_uid(); }

void ProcessDaemonSystem::become(const sys::Identity& who) { sys::become(who); }

std::time_t ProcessDaemonSystem::now() const { return std::time(nullptr); }

Clock::time_point ProcessDaemonSystem::clock() const { return Clock::now(); }

void ProcessDaemonSystem::sleep_until(Clock::time_point t) { std::this_thread::sleep_until(t); }

}  // namespace vmm::daemon
