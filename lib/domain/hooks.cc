#include "domain/hooks.h"

#include "sys/exec.h"

namespace vmm::domain {

int run_hooks(const Config& config, std::string_view name) {
  for (const std::string& hook : config.hooks(name)) {
    int status = sys::run_program({hook});
    if (status != 0) return status;
  }
  return 0;
}

}  // namespace vmm::domain
