#include "sys/file_status.h"

#include <sys/stat.h>

#include "sys/error.h"

namespace vmm::sys {

FileStatus file_status(int fd, const std::string& what) {
  struct stat st;
  if (::fstat(fd, &st) != 0) throw_errno("look at " + what);
  return FileStatus{S_ISREG(st.st_mode), st.st_uid, static_cast<mode_t>(st.st_mode & 07777),
                    static_cast<std::uint64_t>(st.st_size), static_cast<std::int64_t>(st.st_mtime)};
}

}  // namespace vmm::sys
