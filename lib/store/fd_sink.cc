#include "store/fd_sink.h"

#include <unistd.h>

#include <cerrno>
#include <utility>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::store {

FdSink::FdSink(int fd, std::string what, std::size_t buffer_size)
    : fd_(fd), what_(std::move(what)), capacity_(buffer_size) {
  buffer_.reserve(capacity_);
}

void FdSink::append(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > capacity_) flush();
  if (bytes.size() >= capacity_) {
    sys::write_all(fd_, bytes, what_);  // too big to be worth copying
    return;
  }
  buffer_.append(bytes);
}

void FdSink::flush() {
  if (buffer_.empty()) return;
  sys::write_all(fd_, buffer_, what_);
  buffer_.clear();
}

void FdSink::write_header(std::string_view header) {
  flush();
  off_t at = 0;
  while (!header.empty()) {
    ssize_t n = ::pwrite(fd_, header.data(), header.size(), at);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("write " + what_);
    }
    header.remove_prefix(static_cast<std::size_t>(n));
    at += n;
  }
}

}  // namespace vmm::store
