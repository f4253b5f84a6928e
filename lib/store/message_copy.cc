#include "store/message_copy.h"

#include <unistd.h>

#include <cerrno>
#include <memory>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::store {

std::uint64_t copy_message(int in_fd, fmt::HeaderFilter& filter,
                           const std::function<void(std::string_view)>& write) {
  std::unique_ptr<char[]> buf(new char[kCopyChunk]);
  std::string out;
  out.reserve(2 * kCopyChunk);
  std::uint64_t total = 0;
  for (;;) {
    ssize_t n = ::read(in_fd, buf.get(), kCopyChunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("read the message");
    }
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    filter.feed(std::string_view(buf.get(), static_cast<std::size_t>(n)), out);
    if (out.size() >= kCopyChunk) {
      write(out);
      out.clear();
    }
  }
  filter.finish(out);
  if (!out.empty()) write(out);
  return total;
}

void copy_from_offset(int from_fd, std::uint64_t offset, int to_fd, const std::string& from,
                      const std::string& to) {
  std::unique_ptr<char[]> buf(new char[kCopyChunk]);
  for (;;) {
    ssize_t n = ::pread(from_fd, buf.get(), kCopyChunk, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("read " + from);
    }
    if (n == 0) return;
    sys::write_all(to_fd, std::string_view(buf.get(), static_cast<std::size_t>(n)), to);
    offset += static_cast<std::uint64_t>(n);
  }
}

}  // namespace vmm::store
