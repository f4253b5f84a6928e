// The process environment: what checkvpw reads from its server (TCPLOCALHOST,
// ORIG_UID...) and exports to hooks and the next program (USER, MAILDIR...).
#pragma once
#include <optional>
#include <string>

namespace vmm::sys {

// nullopt when name is not set (an empty value is a value).
std::optional<std::string> get_env(const std::string& name);

// setenv(3), overwriting. A name that is empty or holds '=' or NUL, or a value
// holding NUL (it could not be passed on), is Error(permanent) naming the
// variable; an allocation failure throws by errno.
void set_env(const std::string& name, const std::string& value);

// unsetenv(3); unsetting a variable that is not set is fine.
void unset_env(const std::string& name);

}  // namespace vmm::sys
