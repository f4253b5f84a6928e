#include "sys/protocol_fds.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "../testing/pipe.h"
#include "sys/fd.h"

using vmm::testing::Pipe;

namespace {

// Runs body in a child whose fds 0, 1 and 2 are the given pipe ends (or
// closed for -1); body's return value is the child's exit status.
int in_child(int in, int out, int err, int (*body)()) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fds[3] = {in, out, err};
    for (int fd = 0; fd <= 2; ++fd) {
      if (fds[fd] < 0)
        ::close(fd);
      else if (::dup2(fds[fd], fd) < 0)
        ::_exit(120);
    }
    ::_exit(body());
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

std::string drain(int fd) {
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

bool cloexec(int fd) { return (::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0; }

// Exit codes name the first check that failed.
int swap_and_talk() {
  vmm::sys::ProtocolFds fds = vmm::sys::take_protocol_fds();
  if (fds.in.get() <= 2 || fds.out.get() <= 2) return 1;
  if (!cloexec(fds.in.get()) || !cloexec(fds.out.get())) return 2;
  char c;
  if (::read(0, &c, 1) != 0) return 3;  // fd 0 is /dev/null now
  if (::read(fds.in.get(), &c, 1) != 1 || c != 'Q') return 4;
  if (::write(1, "stray\n", 6) != 6) return 5;  // lands on standard error
  if (::write(fds.out.get(), "reply\n", 6) != 6) return 6;
  return 0;
}

int with_closed_stderr() {
  vmm::sys::ProtocolFds fds = vmm::sys::take_protocol_fds();
  if (::fcntl(2, F_GETFD) == -1) return 1;  // fd 2 was made /dev/null
  if (::write(1, "stray\n", 6) != 6) return 2;  // and fd 1 follows it
  if (::write(fds.out.get(), "reply\n", 6) != 6) return 3;
  return 0;
}

}  // namespace

TEST_CASE("take_protocol_fds: the protocol moves to private fds; 0 is /dev/null, 1 is stderr") {
  Pipe in, out, err;
  in.put("Q");
  CHECK(in_child(in.r, out.w, err.w, swap_and_talk) == 0);
  out.close_write();
  err.close_write();
  CHECK(drain(out.r) == "reply\n");
  CHECK(drain(err.r) == "stray\n");
}

TEST_CASE("take_protocol_fds: a closed fd 2 becomes /dev/null, not the protocol") {
  Pipe in, out;
  CHECK(in_child(in.r, out.w, -1, with_closed_stderr) == 0);
  out.close_write();
  CHECK(drain(out.r) == "reply\n");
}
