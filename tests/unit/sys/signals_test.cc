#include "sys/signals.h"

#include <doctest/doctest.h>
#include <signal.h>

#include <cerrno>

#include "../testing/errors.h"

using namespace vmm::sys;

namespace {

void (*disposition(int sig))(int) {
  struct sigaction sa = {};
  REQUIRE(::sigaction(sig, nullptr, &sa) == 0);
  return sa.sa_handler;
}

}  // namespace

TEST_CASE("signals: ignored, then back to the default") {
  ignore_signal(SIGPIPE);
  CHECK((disposition(SIGPIPE) == SIG_IGN));
  CHECK(::raise(SIGPIPE) == 0);  // still here
  default_signal(SIGPIPE);
  CHECK((disposition(SIGPIPE) == SIG_DFL));
  vmm::Error e = vmm::testing::thrown_by([] { ignore_signal(SIGKILL); });
  CHECK(e.err() == EINVAL);
  CHECK(std::string(e.what()) == "unable to set the handling of signal 9: Invalid argument");
}
