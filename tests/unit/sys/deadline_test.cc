#include "sys/deadline.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

using vmm::sys::end_process_after;

TEST_CASE("end_process_after: the process dies of SIGALRM, even started with it ignored") {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGALRM, SIG_IGN);  // as a server might leave it
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    ::sigprocmask(SIG_BLOCK, &block, nullptr);
    try {
      end_process_after(std::chrono::seconds(1));
    } catch (...) {
      ::_exit(3);
    }
    for (int i = 0; i < 50; ++i) ::usleep(100000);  // 5 s: far past the alarm
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGALRM);
}
