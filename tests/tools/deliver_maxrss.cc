// deliver_maxrss: runs a command and writes its peak resident set size in
// KiB (getrusage's ru_maxrss, from wait4) to FILE; exits with the command's
// status (128 + signal when killed). stdin/stdout/stderr are inherited.
//   deliver_maxrss FILE COMMAND [ARG]...
// Its own failures: exit 120 with a message on stderr.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: deliver_maxrss FILE COMMAND [ARG]...\n", stderr);
    return 120;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("deliver_maxrss: fork");
    return 120;
  }
  if (pid == 0) {
    ::execvp(argv[2], argv + 2);
    std::fprintf(stderr, "deliver_maxrss: run %s: %s\n", argv[2], std::strerror(errno));
    ::_exit(120);
  }
  int status;
  struct rusage ru;
  while (::wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      std::perror("deliver_maxrss: wait4");
      return 120;
    }
  }
  FILE* out = std::fopen(argv[1], "w");
  if (!out || std::fprintf(out, "%ld\n", ru.ru_maxrss) < 0 || std::fclose(out) != 0) {
    std::perror("deliver_maxrss: write the result");
    return 120;
  }
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
