#include "auth/next_program.h"

namespace vmm::auth {

std::string find_program(const std::string& name, const std::optional<std::string>& path,
                         const std::function<sys::ProgramFile(const std::string&)>& probe) {
  return sys::find_in_path(name, path, probe);
}

}  // namespace vmm::auth
