#include "daemon/system.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

using namespace vmm::daemon;
using namespace std::chrono_literals;

TEST_CASE("ProcessDaemonSystem: the process's uid, the clocks, sleeping") {
  ProcessDaemonSystem sys;
  CHECK(sys.uid() == ::geteuid());
  CHECK(sys.now() - std::time(nullptr) <= 1);
  const Clock::time_point start = sys.clock();
  sys.sleep_until(start + 30ms);
  CHECK(Clock::now() - start >= 30ms);
  sys.sleep_until(start);  // in the past: at once
  CHECK(Clock::now() - start < 2s);
}
