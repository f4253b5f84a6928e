#include "sys/exec.h"

#include <dirent.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::sys::exec_program;
using vmm::sys::probe_program;
using vmm::sys::ProgramFile;
using vmm::sys::run_program;
using vmm::sys::run_program_within;
using vmm::testing::file_bytes;
using vmm::testing::TempDir;
using vmm::testing::write_file;

namespace {

int open_fd_count() {
  int n = 0;
  DIR* d = ::opendir("/proc/self/fd");
  REQUIRE(d != nullptr);
  while (::readdir(d) != nullptr) ++n;
  ::closedir(d);
  return n;
}


// No child of ours is left unreaped.
bool no_children() {
  return ::waitpid(-1, nullptr, WNOHANG) < 0 && errno == ECHILD;
}

void on_alarm(int) {}

}  // namespace

TEST_CASE("run_program returns the exit status") {
  CHECK(run_program({"/bin/true"}) == 0);
  CHECK(run_program({"/bin/false"}) == 1);
  CHECK(run_program({"/bin/sh", "-c", "exit 3"}) == 3);
  CHECK(run_program({"/bin/sh", "-c", "exit 99"}) == 99);
  CHECK(run_program({"/bin/sh", "-c", "exit 255"}) == 255);
  CHECK(no_children());
}

TEST_CASE("run_program returns 128 + signal for a killed child") {
  CHECK(run_program({"/bin/sh", "-c", "kill -9 $$"}) == 128 + 9);
  CHECK(run_program({"/bin/sh", "-c", "kill -TERM $$"}) == 128 + 15);
  CHECK(no_children());
}

TEST_CASE("run_program passes argv exactly, with no shell in between") {
  TempDir t;
  std::string out = t.path + "/out";
  int rc = run_program({"/bin/sh", "-c", "printf '%s|' \"$0\" \"$@\" > \"$1\"", "name", out,
                        "b c", "", "$HOME;`x`*"});
  CHECK(rc == 0);
  CHECK(file_bytes(out) == "name|" + out + "|b c||$HOME;`x`*|");
}

TEST_CASE("run_program: the child inherits the environment and fd 0") {
  TempDir t;
  std::string out = t.path + "/out", in = t.path + "/in";
  REQUIRE(::setenv("VMM_EXEC_TEST", "hello world", 1) == 0);
  CHECK(run_program({"/bin/sh", "-c", "printf %s \"$VMM_EXEC_TEST\" > \"$0\"", out}) == 0);
  ::unsetenv("VMM_EXEC_TEST");
  CHECK(file_bytes(out) == "hello world");

  write_file(in, "from stdin\n", 0644);
  int saved = ::dup(0);
  REQUIRE(saved >= 0);
  int fd = ::open(in.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::dup2(fd, 0) == 0);
  ::close(fd);
  int rc = run_program({"/bin/sh", "-c", "cat > \"$0\"", out});
  REQUIRE(::dup2(saved, 0) == 0);
  ::close(saved);
  CHECK(rc == 0);
  CHECK(file_bytes(out) == "from stdin\n");
}

TEST_CASE("run_program: a failed exec throws with the child's errno") {
  TempDir t;
  int fds_before = open_fd_count();

  vmm::Error e = vmm::testing::thrown_by([] { run_program({"/nonexistent/vmm-hook"}); });
  CHECK(e.err() == ENOENT);
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == "unable to run /nonexistent/vmm-hook: No such file or directory");

  // No PATH search: a bare name is a path relative to the current directory.
  REQUIRE(::access("true", F_OK) != 0);
  e = vmm::testing::thrown_by([] { run_program({"true"}); });
  CHECK(e.err() == ENOENT);
  CHECK(std::string(e.what()) == "unable to run true: No such file or directory");

  std::string plain = t.path + "/plain";
  write_file(plain, "#!/bin/sh\nexit 0\n", 0644);
  e = vmm::testing::thrown_by([&] { run_program({plain, "arg"}); });
  CHECK(e.err() == EACCES);
  CHECK(std::string(e.what()) == "unable to run " + plain + ": Permission denied");

  e = vmm::testing::thrown_by([&] { run_program({t.path}); });
  CHECK(e.err() == EACCES);

  // execv never falls back to a shell for a file it cannot load.
  std::string junk = t.path + "/junk";
  write_file(junk, "this is not a program\n", 0755);
  e = vmm::testing::thrown_by([&] { run_program({junk}); });
  CHECK(e.err() == ENOEXEC);
  CHECK(std::string(e.what()) == "unable to run " + junk + ": Exec format error");

  CHECK(no_children());
  CHECK(open_fd_count() == fds_before);
  CHECK(run_program({"/bin/true"}) == 0);
  CHECK(open_fd_count() == fds_before);
}

TEST_CASE("run_program waits through EINTR") {
  struct sigaction sa = {}, old = {};
  sa.sa_handler = on_alarm;  // no SA_RESTART: waitpid and read see EINTR
  REQUIRE(::sigaction(SIGALRM, &sa, &old) == 0);
  struct itimerval tick = {{0, 20000}, {0, 20000}}, off = {};
  REQUIRE(::setitimer(ITIMER_REAL, &tick, nullptr) == 0);
  int rc = run_program({"/bin/sh", "-c", "sleep 0.3; exit 5"});
  ::setitimer(ITIMER_REAL, &off, nullptr);
  ::sigaction(SIGALRM, &old, nullptr);
  CHECK(rc == 5);
  CHECK(no_children());
}

TEST_CASE("run_program: an empty argv is a programming error") {
  CHECK_THROWS_AS(run_program({}), std::logic_error);
  CHECK_THROWS_AS(exec_program({}), std::logic_error);
}

TEST_CASE("exec_program replaces the process, or throws") {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      exec_program({"/bin/sh", "-c", "exit \"$0\"", "42"});
    } catch (...) {
    }
    ::_exit(1);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 42);

  pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int rc = 1;
    try {
      exec_program({"/nonexistent/vmm-prog"});
    } catch (const vmm::Error& e) {
      rc = e.err() == ENOENT &&
                   std::string(e.what()) ==
                       "unable to run /nonexistent/vmm-prog: No such file or directory"
               ? 0
               : 2;
    }
    ::_exit(rc);
  }
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("probe_program tells missing, not regular, no exec bit, executable") {
  TempDir t;
  std::string f = t.path + "/f", x = t.path + "/x";
  write_file(f, "data\n", 0644);
  write_file(x, "#!/bin/sh\n", 0700);
  CHECK(probe_program(t.path + "/none") == ProgramFile::missing);
  CHECK(probe_program(f + "/below") == ProgramFile::missing);  // ENOTDIR
  CHECK(probe_program(t.path) == ProgramFile::not_regular);
  CHECK(probe_program("/dev/null") == ProgramFile::not_regular);
  CHECK(probe_program(f) == ProgramFile::no_exec_bit);
  CHECK(probe_program(x) == ProgramFile::executable);
  REQUIRE(::chmod(f.c_str(), 0010) == 0);
  CHECK(probe_program(f) == ProgramFile::executable);
  REQUIRE(::symlink(x.c_str(), (t.path + "/link").c_str()) == 0);
  CHECK(probe_program(t.path + "/link") == ProgramFile::executable);
  REQUIRE(::symlink("nowhere", (t.path + "/dangling").c_str()) == 0);
  CHECK(probe_program(t.path + "/dangling") == ProgramFile::missing);
  std::string loop = t.path + "/loop";
  REQUIRE(::symlink(loop.c_str(), loop.c_str()) == 0);
  vmm::Error e = vmm::testing::thrown_by([&] { probe_program(loop); });
  CHECK(e.err() == ELOOP);
  CHECK(std::string(e.what()) == "unable to stat " + loop + ": Too many levels of symbolic links");
}

TEST_CASE("run_program_within: the status in time; past the bound the whole group is killed") {
  CHECK(run_program_within({"/bin/sh", "-c", "exit 7"}, std::chrono::milliseconds(5000)) == 7);
  vmm::testing::TempDir dir;
  const std::string mark = dir / "grandchild-alive";
  // The child starts a grandchild that would outlive it, then hangs.
  const std::string script = "(sleep 1; touch " + mark + ") & sleep 30";
  auto started = std::chrono::steady_clock::now();
  vmm::Error e = vmm::testing::thrown_by(
      [&] { run_program_within({"/bin/sh", "-c", script}, std::chrono::milliseconds(300)); });
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(e.cls() == vmm::ErrorClass::temporary);
  CHECK(std::string(e.what()) == "/bin/sh did not finish within 300 ms");
  CHECK(took < std::chrono::milliseconds(1000));
  ::usleep(1500000);
  CHECK(::access(mark.c_str(), F_OK) != 0);  // the grandchild was killed with its group
}

TEST_CASE("run_program_as: groups, ids, directory and environment of the child (root)") {
  if (::geteuid() != 0) return;
  vmm::testing::TempDir d;
  ::chmod(d.path.c_str(), 0777);
  vmm::sys::RunAs as{vmm::sys::Identity{"", 4321, 4322}, d.path, {{"HOME", d.path}, {"V", "1"}}};
  int status = vmm::sys::run_program_as(
      {"/bin/sh", "-c", "{ id -u; id -g; id -G; pwd; echo \"$HOME $V\"; } > out"}, as);
  CHECK(status == 0);
  CHECK(vmm::testing::file_bytes(d / "out") ==
        "4321\n4322\n4322\n" + d.path + "\n" + d.path + " 1\n");
  struct stat st;
  ::stat((d / "out").c_str(), &st);
  CHECK(st.st_uid == 4321u);
  CHECK(vmm::sys::run_program_as({"/bin/sh", "-c", "exit 7"}, as) == 7);
  // A step of the child that fails is reported like a failed exec.
  as.dir = d / "missing";
  CHECK(vmm::testing::error_of([&] { vmm::sys::run_program_as({"/bin/true"}, as); },
                               vmm::ErrorClass::permanent) ==
        "unable to run /bin/true as : No such file or directory");
  CHECK(::getenv("V") == nullptr);  // the parent's environment is untouched
}

TEST_CASE("find_in_path and this_program") {
  using vmm::sys::find_in_path;
  auto only = [](const std::string& path) {
    return [path](const std::string& p) { return p == path ? ProgramFile::executable : ProgramFile::missing; };
  };
  CHECK(find_in_path("svc", std::string("/a:/b:/c"), only("/b/svc")) == "/b/svc");
  CHECK(find_in_path("svc", std::nullopt, only("/usr/bin/svc")) == "/usr/bin/svc");
  CHECK(find_in_path("svc", std::string("/a::/b"), only("./svc")) == "./svc");
  CHECK(find_in_path("svc", std::string("/a"), only("/b/svc")) == "svc");
  CHECK(find_in_path("/x/svc", std::string("/a"), only("/a/svc")) == "/x/svc");
  const std::string me = vmm::sys::this_program();
  CHECK(me.size() > 15);
  CHECK(me.substr(me.size() - 15) == "/tests/unit/run");
}
