#include "store/table_lock.h"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "sys/error.h"

namespace vmm::store {

bool try_lock_file(int fd, const std::string& path) {
  struct flock fl = {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;  // start 0, length 0: the whole file
  for (;;) {
    if (::fcntl(fd, F_SETLK, &fl) == 0) return true;
    if (errno == EACCES || errno == EAGAIN) return false;
    if (errno != EINTR) throw_errno("lock " + path);
  }
}

TableLock::TableLock(const std::string& path, std::chrono::milliseconds wait_bound)
    : fd_(sys::open_file(path, O_RDWR | O_CREAT | O_NOFOLLOW, 0600)) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + wait_bound;
  // Writers hold the lock for one table rewrite: start polling fast, then
  // back off so a long rewrite (a million accounts) does not cost much CPU.
  std::chrono::microseconds pause(1000);
  const std::chrono::microseconds max_pause(20000);
  while (!try_lock_file(fd_.get(), path)) {
    Clock::time_point now = Clock::now();
    if (now >= deadline)
      throw Error(ErrorClass::temporary, "unable to lock " + path + ": another writer holds it");
    std::this_thread::sleep_for(
        std::min<Clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, max_pause);
  }
}

std::optional<TableLock> TableLock::try_take(const std::string& path) {
  sys::Fd fd = sys::open_file(path, O_RDWR | O_CREAT | O_NOFOLLOW, 0600);
  if (!try_lock_file(fd.get(), path)) return std::nullopt;
  return TableLock(std::move(fd));
}

}  // namespace vmm::store
