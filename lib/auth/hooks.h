// checkvpw's hooks (SPEC §2, §6): the global one, then the per-domain one.
// A per-domain hook lives in ~base/.vmailmgr, which the base user controls,
// so it never runs with more rights than the base user has: while checkvpw
// is root it runs as the base user (borrowed identity), never as root.
#pragma once
#include <optional>
#include <string_view>

#include "auth/system.h"
#include "domain/config.h"
#include "sys/privs.h"

namespace vmm::auth {

struct HookSite {
  domain::Config global;                 // its global directory's hooks run as we are
  std::optional<domain::Config> domain;  // per-domain hooks, once the base user is known
  sys::Identity owner;                   // the base user
};

// Runs the hooks of event in order. A hook exiting non-zero stops the chain:
// Error(temporary, "hook PATH exited with status N"). A per-domain hook is run
// directly when we are the base user, borrowed as root, and otherwise not at
// all: Error(temporary, "unable to run hook PATH as NAME: running as uid N").
void run_auth_hooks(LoginSystem& sys, const HookSite& site, std::string_view event);

// True when event has at least one hook (checkvpw-postexec decides between
// exec and fork-and-wait).
bool has_auth_hooks(const HookSite& site, std::string_view event);

}  // namespace vmm::auth
