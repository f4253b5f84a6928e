#include "sys/protocol_fds.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "sys/error.h"

namespace vmm::sys {
namespace {

constexpr int kFirstFree = 3;

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF; }

Fd duplicate(int fd, const char* what) {
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, kFirstFree);
  if (copy < 0) throw_errno(std::string("duplicate ") + what);
  return Fd(copy);
}

void put_on(int from, int to, const char* what) {
  int r;
  do r = ::dup2(from, to);
  while (r < 0 && errno == EINTR);
  if (r < 0) throw_errno(std::string("redirect ") + what);
}

}  // namespace

ProtocolFds take_protocol_fds() {
  // In order, so open() lands on the lowest closed one: the one being filled.
  for (int fd = 0; fd <= 2; ++fd) {
    if (is_open(fd)) continue;
    int n = ::open("/dev/null", O_RDWR);
    if (n < 0) throw_errno("open /dev/null");
    if (n != fd) {
      put_on(n, fd, "a closed standard descriptor");
      ::close(n);
    }
  }
  ProtocolFds fds{duplicate(0, "standard input"), duplicate(1, "standard output")};
  Fd null = open_file("/dev/null", O_RDONLY);
  put_on(null.get(), 0, "standard input to /dev/null");
  put_on(2, 1, "standard output to standard error");
  return fds;
}

}  // namespace vmm::sys
