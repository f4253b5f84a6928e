// bench_lookups: the time a map server or map program takes to answer a list
// of keys (one a line in KEYS), for bench/run's figure 6. Three ways a mail
// system can ask:
//   bench_lookups socketmap KEYS MAPNAME CMD [ARG]...
//     CMD runs once with its stdin and stdout one end of a socketpair (what
//     unixserver hands a connection to); every key goes as one request
//     "MAPNAME KEY" and its reply is read before the next is sent, as
//     Postfix's socketmap client asks. OK counts as found, NOTFOUND as not.
//   bench_lookups each KEYS CMD [ARG]...
//     CMD once per key, the key in place of the argument "{}" (postmap -q
//     KEY MAP): exit 0 counts as found, 1 as not found.
//   bench_lookups stdin KEYS CMD [ARG]...
//     CMD once with all the keys on stdin (postmap -q - MAP): each line it
//     prints counts as found, the other keys as not found.
// Prints "SECONDS FOUND NOTFOUND": the wall time from the first fork to the
// last answer. Exit 1 (with a message) on any other reply or exit status.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "fmt/netstring.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Count {
  long found = 0, notfound = 0;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_lookups: %s\n", what.c_str());
  std::exit(1);
}

std::vector<std::string> read_keys(const char* path) {
  std::ifstream in(path);
  if (!in) die(std::string("cannot read ") + path);
  std::vector<std::string> keys;
  for (std::string line; std::getline(in, line);) keys.push_back(line);
  return keys;
}

// Forks CMD with the given fds as its stdin and stdout (-1: /dev/null).
pid_t start(char** argv, int in, int out) {
  pid_t pid = ::fork();
  if (pid < 0) die(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    ::dup2(in >= 0 ? in : null, 0);
    ::dup2(out >= 0 ? out : null, 1);
    ::dup2(null, 2);
    ::execvp(argv[0], argv);
    ::_exit(127);
  }
  return pid;
}

int finish(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) die(std::string("waitpid: ") + std::strerror(errno));
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void write_all(int fd, const std::string& bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die(std::string("write: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

Count socketmap(const std::vector<std::string>& keys, const std::string& map, char** argv) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) die("socketpair failed");
  pid_t pid = start(argv, sv[1], sv[1]);
  ::close(sv[1]);
  Count c;
  vmm::fmt::NetstringReader reader(100000);
  char buf[4096];
  for (const std::string& key : keys) {
    write_all(sv[0], vmm::fmt::netstring(map + " " + key));
    std::string reply;
    vmm::fmt::NetstringStatus s;
    while ((s = reader.next(reply)) == vmm::fmt::NetstringStatus::need_more) {
      ssize_t n = ::read(sv[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) die("the server closed the connection at key " + key);
      reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    }
    if (s != vmm::fmt::NetstringStatus::complete) die("a reply that is not a netstring");
    if (reply.rfind("OK ", 0) == 0) ++c.found;
    else if (reply == "NOTFOUND ") ++c.notfound;
    else die("reply to " + key + ": " + reply);
  }
  ::close(sv[0]);
  if (int rc = finish(pid); rc != 0) die(std::string(argv[0]) + " exited " + std::to_string(rc));
  return c;
}

Count each(const std::vector<std::string>& keys, char** argv) {
  std::vector<char*> args;
  std::size_t slot = 0;
  for (char** a = argv; *a; ++a) {
    if (std::strcmp(*a, "{}") == 0) slot = args.size();
    args.push_back(*a);
  }
  if (args.empty() || std::strcmp(args[slot], "{}") != 0) die("no argument {} for the key");
  args.push_back(nullptr);
  Count c;
  for (const std::string& key : keys) {
    args[slot] = const_cast<char*>(key.c_str());
    int rc = finish(start(args.data(), -1, -1));
    if (rc == 0) ++c.found;
    else if (rc == 1) ++c.notfound;
    else die(std::string(argv[0]) + " exited " + std::to_string(rc) + " for " + key);
  }
  return c;
}

Count on_stdin(const std::vector<std::string>& keys, const char* path, char** argv) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) die("pipe failed");
  FILE* in = std::fopen(path, "re");
  if (!in) die(std::string("cannot read ") + path);
  pid_t pid = start(argv, ::fileno(in), out[1]);
  std::fclose(in);
  ::close(out[1]);
  Count c;
  char buf[65536];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) die(std::string("read: ") + std::strerror(errno));
    for (ssize_t i = 0; i < n; ++i) c.found += buf[i] == '\n';
  }
  ::close(out[0]);
  int rc = finish(pid);
  if (rc > 1) die(std::string(argv[0]) + " exited " + std::to_string(rc));
  c.notfound = static_cast<long>(keys.size()) - c.found;
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 3 ? argv[1] : "";
  if (!(mode == "each" || mode == "stdin" || (mode == "socketmap" && argc > 4))) {
    std::fputs("usage: bench_lookups socketmap KEYS MAPNAME CMD...\n"
               "       bench_lookups each|stdin KEYS CMD...\n", stderr);
    return 2;
  }
  const std::vector<std::string> keys = read_keys(argv[2]);
  auto t0 = Clock::now();
  Count c = mode == "socketmap" ? socketmap(keys, argv[3], argv + 4)
            : mode == "each"    ? each(keys, argv + 3)
                                : on_stdin(keys, argv[2], argv + 3);
  std::chrono::duration<double> seconds = Clock::now() - t0;
  std::printf("%.6f %ld %ld\n", seconds.count(), c.found, c.notfound);
  return 0;
}
