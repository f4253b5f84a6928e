#include "store/message_header.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "sys/error.h"

namespace vmm::store {

namespace {

// Where the empty line ending the header ends in text; npos when not yet.
std::size_t header_end(const std::string& text) {
  if (text.starts_with("\n")) return 1;
  if (text.starts_with("\r\n")) return 2;
  std::size_t lf = text.find("\n\n"), crlf = text.find("\n\r\n");
  if (lf == std::string::npos && crlf == std::string::npos) return std::string::npos;
  if (crlf == std::string::npos || (lf != std::string::npos && lf < crlf)) return lf + 2;
  return crlf + 3;
}

}  // namespace

StoredHeader read_stored_header(int fd, std::uint64_t offset, std::size_t max_bytes,
                                const std::string& what) {
  StoredHeader out;
  char buf[8192];
  while (out.text.size() < max_bytes) {
    std::size_t want = std::min(sizeof buf, max_bytes - out.text.size());
    ssize_t n = ::pread(fd, buf, want, static_cast<off_t>(offset + out.text.size()));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("read " + what);
    }
    if (n == 0) {
      out.complete = true;
      return out;
    }
    out.text.append(buf, static_cast<std::size_t>(n));
    if (std::size_t end = header_end(out.text); end != std::string::npos) {
      out.text.resize(end);
      out.complete = true;
      return out;
    }
  }
  return out;
}

}  // namespace vmm::store
