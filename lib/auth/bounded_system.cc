#include "auth/bounded_system.h"

#include "sys/error.h"
#include "sys/exec.h"

namespace vmm::auth {

int BoundedLoginSystem::run(const std::vector<std::string>& argv) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  if (left.count() <= 0)
    throw Error(ErrorClass::temporary, "no time left to run " + (argv.empty() ? "" : argv[0]));
  return sys::run_program_within(argv, left);
}

}  // namespace vmm::auth
