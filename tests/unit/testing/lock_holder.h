// A child process holding a store::TableLock (an fcntl lock on a whole
// file) until release(), for tests of whoever meets that lock.
#pragma once
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "store/table_lock.h"

namespace vmm::testing {

// A child process holding the lock until release() (or until it is killed).
class LockHolder {
 public:
  explicit LockHolder(const std::string& path) {
    int ready[2], hold[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(hold) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::close(ready[0]);
      ::close(hold[1]);
      char ok = '0';
      try {
        store::TableLock lock(path, std::chrono::milliseconds(0));
        ok = '1';
        (void)!::write(ready[1], &ok, 1);
        char c;
        (void)!::read(hold[0], &c, 1);  // returns at EOF: the parent let go
      } catch (...) {
        (void)!::write(ready[1], &ok, 1);
      }
      ::_exit(0);
    }
    ::close(ready[1]);
    ::close(hold[0]);
    hold_ = hold[1];
    char ok = 0;
    REQUIRE(::read(ready[0], &ok, 1) == 1);
    ::close(ready[0]);
    REQUIRE(ok == '1');
  }
  ~LockHolder() { release(); }
  void release() {
    if (hold_ >= 0) ::close(hold_);
    hold_ = -1;
    if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  void kill() {
    ::kill(pid_, SIGKILL);
    release();
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int hold_ = -1;
};

}  // namespace vmm::testing
