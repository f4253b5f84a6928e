#include "sys/fed_child.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "sys/error.h"

extern char** environ;

namespace vmm::sys {

namespace {

struct Pipe {
  Fd read, write;
};

Pipe make_pipe(const std::string& path) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("create a pipe to run " + path);
  return {Fd(fds[0]), Fd(fds[1])};
}

int reap(pid_t pid, const std::string& path) {
  int status;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw_errno("wait for " + path);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

// posix_spawn's attribute and file-action objects, destroyed whatever happens.
struct SpawnSetup {
  posix_spawnattr_t attr;
  posix_spawn_file_actions_t actions;
  SpawnSetup() {
    ::posix_spawnattr_init(&attr);
    ::posix_spawn_file_actions_init(&actions);
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
  }
};

}  // namespace

FedChild::FedChild(const std::vector<std::string>& argv, bool pipe_fd1) {
  if (argv.empty()) throw std::logic_error("FedChild: empty argv");
  path_ = argv[0];
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  Pipe in = make_pipe(path_);
  Pipe out;
  if (pipe_fd1) out = make_pipe(path_);

  SpawnSetup setup;
  // The child gets the default SIGPIPE action whatever ours is, and the read
  // ends as fd 0 (and 1); dup2 clears close-on-exec on the copies, while the
  // originals and every other fd of ours are close-on-exec.
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  int err = ::posix_spawnattr_setsigdefault(&setup.attr, &pipe_signal);
  if (err == 0) err = ::posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETSIGDEF);
  if (err == 0) err = ::posix_spawn_file_actions_adddup2(&setup.actions, in.read.get(), 0);
  if (err == 0 && pipe_fd1)
    err = ::posix_spawn_file_actions_adddup2(&setup.actions, out.read.get(), 1);
  if (err != 0) throw errno_error("prepare to run " + path_, err);
  // glibc reports a failed exec as posix_spawn's result.
  err = ::posix_spawn(&pid_, args[0], &setup.actions, &setup.attr, args.data(), environ);
  if (err != 0) {
    pid_ = -1;
    throw errno_error("run " + path_, err);
  }
  in_ = std::move(in.write);
  fd1_ = std::move(out.write);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &old_pipe_action_);
}

FedChild::~FedChild() {
  if (pid_ < 0) return;
  in_ = Fd();
  fd1_ = Fd();
  try {
    reap(pid_, path_);
  } catch (...) {
    // nothing left to do with it
  }
  ::sigaction(SIGPIPE, &old_pipe_action_, nullptr);
}

void FedChild::close_input() { in_.close(); }

int FedChild::wait() {
  if (pid_ < 0) throw std::logic_error("FedChild::wait: no child");
  in_ = Fd();
  fd1_ = Fd();
  pid_t pid = pid_;
  pid_ = -1;
  ::sigaction(SIGPIPE, &old_pipe_action_, nullptr);
  return reap(pid, path_);
}

}  // namespace vmm::sys
