// bench_time: runs a command several times and prints the wall time of each
// run's fork+exec+wait as "MEDIAN MIN MAX" in microseconds (bench/run turns
// them into figures). Timing in-process keeps the shell's own cost out.
//   bench_time [-n RUNS] [-w WARMUP] [-i STDIN] [-3 FD3] [-x STATUS] CMD [ARG]...
// STDIN and FD3 are files opened afresh for every run (fd 3: a checkpassword
// request). The command's stdout and stderr go to /dev/null. Every run must
// exit with STATUS (default 0); otherwise the run is reported and the tool
// exits 1. Warm-up runs are made first and not counted.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Options {
  int runs = 5, warmup = 1, status = 0;
  const char* stdin_file = nullptr;
  const char* fd3_file = nullptr;
  char** argv = nullptr;
};

void redirect(const char* path, int flags, int target) {
  int fd = ::open(path, flags);
  if (fd < 0 || ::dup2(fd, target) < 0) {
    std::fprintf(stderr, "bench_time: open %s: %s\n", path, std::strerror(errno));
    ::_exit(120);
  }
  if (fd != target) ::close(fd);
}

// One run; returns the microseconds, or -1 when the status was not the expected one.
long run_once(const Options& o) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    redirect(o.stdin_file ? o.stdin_file : "/dev/null", O_RDONLY, 0);
    redirect("/dev/null", O_WRONLY, 1);
    redirect("/dev/null", O_WRONLY, 2);
    if (o.fd3_file) redirect(o.fd3_file, O_RDONLY, 3);
    ::execvp(o.argv[0], o.argv);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != o.status) {
    std::fprintf(stderr, "bench_time: %s: status %d, expected %d\n", o.argv[0],
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), o.status);
    return -1;
  }
  return micros;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  int i = 1;
  for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
    std::string flag = argv[i];
    if (flag == "-n") o.runs = std::atoi(argv[i + 1]);
    else if (flag == "-w") o.warmup = std::atoi(argv[i + 1]);
    else if (flag == "-i") o.stdin_file = argv[i + 1];
    else if (flag == "-3") o.fd3_file = argv[i + 1];
    else if (flag == "-x") o.status = std::atoi(argv[i + 1]);
    else break;
  }
  if (i >= argc || o.runs < 1) {
    std::fputs("usage: bench_time [-n RUNS] [-w WARMUP] [-i STDIN] [-3 FD3] [-x STATUS] CMD...\n",
               stderr);
    return 2;
  }
  o.argv = argv + i;
  for (int w = 0; w < o.warmup; ++w)
    if (run_once(o) < 0) return 1;
  std::vector<long> times;
  for (int r = 0; r < o.runs; ++r) {
    long t = run_once(o);
    if (t < 0) return 1;
    times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  std::printf("%ld %ld %ld\n", times[times.size() / 2], times.front(), times.back());
  return 0;
}
