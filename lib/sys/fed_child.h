// A child process that reads what we write: qmail-queue (message on fd 0,
// envelope on fd 1) or sendmail (message on fd 0) when vdeliver forwards.
// No shell, no PATH search: argv[0] is the program's path.
#pragma once
#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "sys/fd.h"

namespace vmm::sys {

class FedChild {
 public:
  // Starts argv[0] with its fd 0 — and with pipe_fd1 also its fd 1 — the
  // read end of a pipe; everything else (fd 2, the environment) is
  // inherited. An exec failure throws errno_error("run PATH") like
  // run_program. While the child runs SIGPIPE is ignored here, so a child
  // that stops reading makes our write fail with EPIPE instead of killing us.
  FedChild(const std::vector<std::string>& argv, bool pipe_fd1);
  ~FedChild();  // closes the pipes and reaps the child if wait() was not called
  FedChild(const FedChild&) = delete;
  FedChild& operator=(const FedChild&) = delete;

  int input() const { return in_.get(); }  // the child's fd 0
  int fd1() const { return fd1_.get(); }   // the child's fd 1 (-1 without pipe_fd1)
  void close_input();                      // end of file on the child's fd 0
  // Closes what is still open and waits: the exit status 0-255, or 128 +
  // the signal number when a signal ended it.
  int wait();

 private:
  std::string path_;
  pid_t pid_ = -1;
  Fd in_, fd1_;
  struct sigaction old_pipe_action_ {};
};

}  // namespace vmm::sys
