#include "sys/exec.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "sys/dir.h"
#include "sys/environ.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/fd_wait.h"

namespace vmm::sys {

namespace {

// execv wants char* const[]; built before fork so the child only calls
// async-signal-safe functions.
std::vector<char*> c_argv(const std::vector<std::string>& argv) {
  if (argv.empty()) throw std::logic_error("run_program: empty argv");
  std::vector<char*> out;
  out.reserve(argv.size() + 1);
  for (const std::string& a : argv) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

// Reads the child's exec errno from the pipe: 0 bytes means the exec worked
// (close-on-exec closed the write end), sizeof(int) bytes carry the errno.
int read_exec_errno(int fd) {
  int err = 0;
  std::size_t got = 0;
  char* buf = reinterpret_cast<char*>(&err);
  while (got < sizeof err) {
    ssize_t n = ::read(fd, buf + got, sizeof err - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got == sizeof err ? err : 0;
}

int wait_for(pid_t pid, const std::string& path) {
  int status;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw_errno("wait for " + path);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

// fork + execv with the exec's errno reported back: the child's pid once
// the exec worked. own_group: the child leads a new process group.
pid_t start_program(const std::vector<std::string>& argv, bool own_group) {
  std::vector<char*> args = c_argv(argv);
  const std::string& path = argv[0];
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("create a pipe to run " + path);
  Fd report_read(fds[0]), report_write(fds[1]);

  pid_t pid = ::fork();
  if (pid < 0) throw_errno("fork to run " + path);
  if (pid == 0) {
    if (own_group) ::setpgid(0, 0);
    ::execv(args[0], args.data());
    int err = errno;
    // Best effort: if this write fails the parent sees a plain exit 127.
    ssize_t ignored = ::write(report_write.get(), &err, sizeof err);
    (void)ignored;
    ::_exit(127);
  }
  if (own_group) ::setpgid(pid, pid);  // either side may come first; one suffices
  report_write = Fd();  // so the read below sees EOF once the exec succeeds
  int exec_err = read_exec_errno(report_read.get());
  if (exec_err != 0) {
    wait_for(pid, path);
    throw errno_error("run " + path, exec_err);
  }
  return pid;
}

}  // namespace

int run_program(const std::vector<std::string>& argv) {
  pid_t pid = start_program(argv, false);
  return wait_for(pid, argv[0]);
}

int run_program_within(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  const pid_t pid = start_program(argv, true);
  // A pidfd becomes readable when the child ends: poll it with the bound.
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int err = errno;
    ::kill(-pid, SIGKILL);
    wait_for(pid, argv[0]);
    throw errno_error("watch " + argv[0], err);
  }
  Fd watch(pidfd);
  FdWait ended = FdWait::timeout;
  try {
    ended = wait_readable(watch.get(), timeout, argv[0]);
  } catch (...) {
    ::kill(-pid, SIGKILL);
    wait_for(pid, argv[0]);
    throw;
  }
  if (ended == FdWait::timeout) {
    ::kill(-pid, SIGKILL);
    wait_for(pid, argv[0]);
    throw Error(ErrorClass::temporary, argv[0] + " did not finish within " +
                                           std::to_string(timeout.count()) + " ms");
  }
  return wait_for(pid, argv[0]);
}

int run_program_as(const std::vector<std::string>& argv, const RunAs& as) {
  std::vector<char*> args = c_argv(argv);
  const std::string& path = argv[0];
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("create a pipe to run " + path);
  Fd report_read(fds[0]), report_write(fds[1]);

  pid_t pid = ::fork();
  if (pid < 0) throw_errno("fork to run " + path);
  if (pid == 0) {
    int err = 0;
    try {  // a single-threaded parent: the child may allocate and look users up
      become(as.who);
      change_dir(as.dir);
      for (const auto& [name, value] : as.env) set_env(name, value);
      ::execv(args[0], args.data());
      err = errno;
    } catch (const Error& e) {
      err = e.err() != 0 ? e.err() : EPERM;
    } catch (...) {
      err = ENOMEM;
    }
    ssize_t ignored = ::write(report_write.get(), &err, sizeof err);
    (void)ignored;
    ::_exit(127);
  }
  report_write = Fd();
  int exec_err = read_exec_errno(report_read.get());
  int status = wait_for(pid, path);
  if (exec_err != 0) throw errno_error("run " + path + " as " + as.who.name, exec_err);
  return status;
}

void exec_program(const std::vector<std::string>& argv) {
  std::vector<char*> args = c_argv(argv);
  ::execv(args[0], args.data());
  throw errno_error("run " + argv[0], errno);
}

ProgramFile probe_program(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return ProgramFile::missing;
    throw_errno("stat " + path);
  }
  if (!S_ISREG(st.st_mode)) return ProgramFile::not_regular;
  if ((st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0) return ProgramFile::no_exec_bit;
  return ProgramFile::executable;
}

std::string find_in_path(const std::string& name, const std::optional<std::string>& path,
                         const std::function<ProgramFile(const std::string&)>& probe) {
  if (name.empty() || name.find('/') != std::string::npos) return name;
  std::string_view dirs = path ? std::string_view(*path) : std::string_view("/bin:/usr/bin");
  for (;;) {
    std::size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    std::string candidate = (dir.empty() ? std::string(".") : std::string(dir)) + "/" + name;
    if (probe(candidate) == ProgramFile::executable) return candidate;
    if (colon == std::string_view::npos) return name;
    dirs.remove_prefix(colon + 1);
  }
}

std::string this_program() {
  std::string buf(4096, '\0');
  ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size());
  if (n < 0) throw_errno("read /proc/self/exe");
  if (static_cast<std::size_t>(n) >= buf.size())
    throw errno_error("read /proc/self/exe", ENAMETOOLONG);
  return buf.substr(0, static_cast<std::size_t>(n));
}

}  // namespace vmm::sys
