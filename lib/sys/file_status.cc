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

std::string permissions_text(mode_t permissions) {
  std::string s;
  for (int shift = 9; shift >= 0; shift -= 3)
    s += static_cast<char>('0' + ((permissions >> shift) & 7));
  return s;
}

}  // namespace vmm::sys
