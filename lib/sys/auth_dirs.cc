#include "sys/auth_dirs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "sys/error.h"

namespace vmm::sys {

void change_dir(const std::string& path) {
  if (::chdir(path.c_str()) != 0) throw_errno("change directory to " + path);
}

bool is_directory(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  switch (errno) {
    case ENOENT: case ENOTDIR: case EACCES: case ELOOP: case ENAMETOOLONG:
      return false;
    default:
      throw_errno("stat " + path);
  }
}

}  // namespace vmm::sys
