// What every administration tool does first: find its domain, and read the
// values its options carry.
#pragma once
#include <ctime>
#include <string_view>

#include "domain/domain.h"
#include "fmt/record.h"

namespace vmm::admin {

// The domain of the base user running the tool: $HOME (SPEC §8). A missing
// or empty HOME, or one that is not a directory, is Error(permanent).
domain::Domain domain_from_env();

// An option value for a limit: "-" = unlimited, else plain decimal digits
// (0 is a real 0). Anything else: Error(permanent, "bad WHAT 'TEXT': ...").
fmt::Limit parse_limit(std::string_view text, std::string_view what);

// vchattr -e: an absolute unix time, or "-" for never. A time past the
// signed 64-bit range of time_t is Error(permanent, "bad WHAT 'TEXT': too large").
fmt::Limit parse_time(std::string_view text, std::string_view what);

// vadduser -e: a lifetime in seconds from now, or "-" for never; the sum
// must stay inside the signed 64-bit range of time_t too.
fmt::Limit parse_lifetime(std::string_view text, std::time_t now);

// A 0/1 flag value (vchattr -E). Anything else: Error(permanent).
bool parse_flag(std::string_view text, std::string_view what);

}  // namespace vmm::admin
