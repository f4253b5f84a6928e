// Running part of a test in a child process: for several processes at once,
// or for code that must run without root's rights. The child reports by its
// exit code; doctest's checks do not cross the fork.
#pragma once
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <functional>

namespace vmm::testing {

inline constexpr int kChildThrew = 98, kChildNoNobody = 97;

// Forks f; returns the child's pid. f's result is the exit code, an
// exception kChildThrew. as_nobody: when root, the child first becomes
// uid/gid 65534 (kChildNoNobody if it cannot).
inline pid_t start_child(const std::function<int()>& f, bool as_nobody = false) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  int rc = kChildThrew;
  if (as_nobody && ::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 ||
                                        ::setuid(65534) != 0))
    ::_exit(kChildNoNobody);
  try {
    rc = f();
  } catch (...) {
  }
  ::_exit(rc);
}

// The exit code of a child from start_child; -1 when it died of a signal.
inline int wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline int in_child(const std::function<int()>& f, bool as_nobody = false) {
  return wait_child(start_child(f, as_nobody));
}

}  // namespace vmm::testing
