// Running the hooks of one event (SPEC §2): the global hook, then the
// per-domain one, each with no arguments and our environment.
#pragma once
#include <string_view>

#include "domain/config.h"

namespace vmm::domain {

// 0 when every hook of config.hooks(name) exited 0 (or there is none);
// otherwise the status of the first that did not (128 + signal when killed),
// and the later ones are not run. Errors from running a hook (it cannot be
// executed) propagate as vmm::Error naming the hook's path.
int run_hooks(const Config& config, std::string_view name);

}  // namespace vmm::domain
