#include "auth/next_program.h"

#include <string_view>

namespace vmm::auth {

std::string find_program(const std::string& name, const std::optional<std::string>& path,
                         const std::function<sys::ProgramFile(const std::string&)>& probe) {
  if (name.empty() || name.find('/') != std::string::npos) return name;
  std::string_view dirs = path ? std::string_view(*path) : std::string_view("/bin:/usr/bin");
  for (;;) {
    std::size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    std::string candidate = (dir.empty() ? std::string(".") : std::string(dir)) + "/" + name;
    if (probe(candidate) == sys::ProgramFile::executable) return candidate;
    if (colon == std::string_view::npos) return name;
    dirs.remove_prefix(colon + 1);
  }
}

}  // namespace vmm::auth
