#include "sys/random.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::sys {

namespace {

void fill_from_device(unsigned char* p, std::size_t n) {
  Fd fd = open_file("/dev/urandom", O_RDONLY);
  while (n > 0) {
    ssize_t got = ::read(fd.get(), p, n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw_errno("read /dev/urandom");
    if (got == 0) throw Error(ErrorClass::temporary, "unable to read /dev/urandom: end of file");
    p += got;
    n -= static_cast<std::size_t>(got);
  }
}

}  // namespace

void random_fill(void* buf, std::size_t n) {
  auto* p = static_cast<unsigned char*>(buf);
  while (n > 0) {
    // Through syscall(2): <sys/random.h> is shadowed by this file's own header.
    long got = ::syscall(SYS_getrandom, p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOSYS) return fill_from_device(p, n);
      throw_errno("get random bytes");
    }
    p += got;
    n -= static_cast<std::size_t>(got);
  }
}

std::uint64_t random_u64() {
  std::uint64_t v;
  random_fill(&v, sizeof v);
  return v;
}

}  // namespace vmm::sys
