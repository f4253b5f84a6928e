// The writer lock of a table (SPEC §3.4): an exclusive fcntl lock on a lock
// file, held by one process at a time. The kernel drops it when the holder
// exits or is killed, so a crashed writer never blocks the next one.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "sys/fd.h"

namespace vmm::store {

// One attempt at an exclusive fcntl lock on the whole of fd's file: true
// when taken, false when another process holds it. Other failures throw
// errno_error("lock PATH").
bool try_lock_file(int fd, const std::string& path);

class TableLock {
 public:
  // Opens or creates path (0600, never through a symlink) and waits for the
  // lock at most wait_bound, polling with a short growing sleep. Throws
  // Error(temporary, "unable to lock PATH: another writer holds it") when the
  // bound passes, and the open or fcntl error otherwise.
  TableLock(const std::string& path, std::chrono::milliseconds wait_bound);
  // One attempt, no wait: nullopt when another process holds the lock.
  static std::optional<TableLock> try_take(const std::string& path);
  // Closing the file releases the lock.
  ~TableLock() = default;
  TableLock(TableLock&&) = default;
  TableLock& operator=(TableLock&&) = default;

 private:
  explicit TableLock(sys::Fd fd) : fd_(std::move(fd)) {}
  sys::Fd fd_;
};

}  // namespace vmm::store
