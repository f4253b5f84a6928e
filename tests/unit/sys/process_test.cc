#include "sys/process.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "../testing/errors.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using vmm::testing::TempDir;

namespace {

// A child named name (its comm) working in dir until killed.
pid_t child_in(const std::string& dir, const char* name, int ready_fd) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::signal(SIGTERM, SIG_DFL);  // not the test runner's crash report
    ::prctl(PR_SET_NAME, name);
    if (::chdir(dir.c_str()) != 0) ::_exit(1);
    ssize_t ignored = ::write(ready_fd, "x", 1);
    (void)ignored;
    for (;;) ::pause();
  }
  char c;
  ssize_t ignored = ::read(ready_fd - 1, &c, 1);  // see the pipe below
  (void)ignored;
  return pid;
}

}  // namespace

TEST_CASE("processes_named: by command name and working directory") {
  TempDir d;
  std::filesystem::create_directories(d / "qmail/queue");
  std::filesystem::create_directories(d / "other/queue");
  std::filesystem::create_directory_symlink(d / "qmail", d / "link");
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(fds[1] == fds[0] + 1);
  pid_t a = child_in(d / "qmail/queue", "vmm-qsend-test", fds[1]);
  pid_t b = child_in(d / "other/queue", "vmm-qsend-test", fds[1]);
  pid_t c = child_in(d / "qmail/queue", "vmm-other-test", fds[1]);
  CHECK(sys::processes_named("vmm-qsend-test", d / "qmail/queue") == std::vector<pid_t>{a});
  CHECK(sys::processes_named("vmm-qsend-test", d / "link/queue") == std::vector<pid_t>{a});
  CHECK(sys::processes_named("vmm-qsend-test", d / "other/queue") == std::vector<pid_t>{b});
  CHECK(sys::processes_named("vmm-qsend-test", d / "missing").empty());
  CHECK(sys::processes_named("vmm-qsend", d / "qmail/queue").empty());  // the whole name
  sys::send_signal(a, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(a, &status, 0) == a);
  CHECK(WTERMSIG(status) == SIGTERM);
  CHECK(sys::processes_named("vmm-qsend-test", d / "qmail/queue").empty());
  CHECK(vmm::testing::error_of([&] { sys::send_signal(a, SIGTERM); }, ErrorClass::permanent) ==
        "unable to send signal 15 to process " + std::to_string(a) + ": No such process");
  for (pid_t p : {b, c}) {
    ::kill(p, SIGKILL);
    ::waitpid(p, &status, 0);
  }
  ::close(fds[0]);
  ::close(fds[1]);
}
