// Where vdeliver keeps a message for an account that has forwards but no
// mailbox (an alias): it still reads stdin only once, and forwards from this
// copy (SPEC §7 step 5). The file has no name: it disappears when closed,
// even if vdeliver is killed, so nothing is ever left behind.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "sys/fd.h"

namespace vmm::store {

class ScratchFile {
 public:
  enum class Kind {
    unnamed,   // O_TMPFILE, falling back to unlinked where unsupported
    unlinked,  // a uniquely named file, unlinked at once (the fallback alone)
  };

  // An unnamed file (O_TMPFILE) in dir, mode 0600. Where the file system
  // cannot make one, a uniquely named file is created and unlinked at once.
  // Errors: errno_error("create a temporary file in DIR").
  explicit ScratchFile(const std::string& dir, Kind kind = Kind::unnamed);

  int fd() const { return fd_.get(); }  // open read-write
  void write(std::string_view bytes);   // appends
  std::uint64_t size() const { return size_; }

 private:
  std::string what_;
  sys::Fd fd_;
  std::uint64_t size_ = 0;
};

}  // namespace vmm::store
