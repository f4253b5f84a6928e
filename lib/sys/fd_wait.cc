#include "sys/fd_wait.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include "sys/error.h"

namespace vmm::sys {
namespace {

FdWait wait_for(int fd, short events, std::chrono::milliseconds timeout, const std::string& what) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() < 0) left = std::chrono::milliseconds(0);
    if (left.count() > INT_MAX) left = std::chrono::milliseconds(INT_MAX);
    struct pollfd p = {fd, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n > 0) return FdWait::ready;
    if (n == 0) return FdWait::timeout;
    if (errno != EINTR) throw_errno("wait for " + what);
  }
}

}  // namespace

FdWait wait_readable(int fd, std::chrono::milliseconds timeout, const std::string& what) {
  return wait_for(fd, POLLIN, timeout, what);
}

FdWait wait_writable(int fd, std::chrono::milliseconds timeout, const std::string& what) {
  return wait_for(fd, POLLOUT, timeout, what);
}

std::size_t read_some(int fd, std::string& out, std::size_t max, const std::string& what) {
  const std::size_t before = out.size();
  out.resize(before + max);
  ssize_t n;
  do n = ::read(fd, out.data() + before, max);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    const int err = errno;
    out.resize(before);
    throw errno_error("read " + what, err);
  }
  out.resize(before + static_cast<std::size_t>(n));
  return static_cast<std::size_t>(n);
}

void discard_pending(int fd, std::size_t max) {
  std::string junk;
  try {
    while (junk.size() < max && wait_readable(fd, std::chrono::milliseconds(0), "input") == FdWait::ready) {
      std::size_t before = junk.size();
      if (read_some(fd, junk, std::min<std::size_t>(65536, max - junk.size()), "input") == 0) break;
      if (junk.size() == before) break;
    }
  } catch (const Error&) {
    // nothing to be done about it: the connection is ending anyway
  }
}

void set_nonblocking(int fd, const std::string& what) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0)
    throw_errno("make " + what + " non-blocking");
}

bool write_within(int fd, std::string_view data, std::chrono::steady_clock::time_point deadline,
                  const std::string& what) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) throw errno_error("write " + what, EIO);
    if (errno == EINTR) continue;
    if ((errno == EAGAIN || errno == EWOULDBLOCK)) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || wait_writable(fd, left, what) == FdWait::timeout) return false;
      continue;
    }
    throw_errno("write " + what);
  }
  return true;
}

}  // namespace vmm::sys
