// What fstat(2) says about an open file, for files whose owner and mode
// decide whether they may be trusted (a secret must be its owner's alone).
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>

namespace vmm::sys {

struct FileStatus {
  bool regular = false;
  uid_t owner = 0;
  mode_t permissions = 0;  // the 07777 bits
  std::uint64_t size = 0;
  std::int64_t modified = 0;  // st_mtime, seconds
};

// fstat of fd; failures throw errno_error("look at WHAT").
FileStatus file_status(int fd, const std::string& what);

// The permission bits as four octal digits ("0600"), for messages.
std::string permissions_text(mode_t permissions);

}  // namespace vmm::sys
