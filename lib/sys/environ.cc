#include "sys/environ.h"

#include <cstdlib>

#include "sys/error.h"

namespace vmm::sys {
namespace {

void check_name(const std::string& name) {
  if (name.empty() || name.find_first_of(std::string("=\0", 2)) != std::string::npos)
    throw Error(ErrorClass::permanent, "invalid environment variable name '" + name + "'");
}

}  // namespace

std::optional<std::string> get_env(const std::string& name) {
  if (name.empty() || name.find('\0') != std::string::npos) return std::nullopt;
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

void set_env(const std::string& name, const std::string& value) {
  check_name(name);
  if (value.find('\0') != std::string::npos)
    throw Error(ErrorClass::permanent,
                "value of environment variable " + name + " holds a NUL byte");
  if (::setenv(name.c_str(), value.c_str(), 1) != 0)
    throw_errno("set environment variable " + name);
}

void unset_env(const std::string& name) {
  check_name(name);
  if (::unsetenv(name.c_str()) != 0) throw_errno("unset environment variable " + name);
}

}  // namespace vmm::sys
