// deliver_recorder: a stand-in for qmail-queue and sendmail in vdeliver's
// tests. It records what it was given into $DELIVER_RECORD/N.* (N = 1, 2,
// ... the first number free):
//   N.argv      its arguments after argv[0], one per line
//   N.message   everything read from fd 0
//   N.envelope  everything read from fd 1, when it runs as "qmail-queue"
//               (its file name), which reads the envelope there
// then exits with $DELIVER_RECORD_EXIT (default 0). With
// DELIVER_RECORD_READ=none it reads nothing and exits at once (a program
// that quits early). Its own failures exit 120 with a message on stderr.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "deliver_recorder: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(120);
}

void write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) die("write");
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Copies fd to a new file path.
void record(int fd, const std::string& path) {
  int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) die("create " + path);
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) die("read fd " + std::to_string(fd));
    if (n == 0) break;
    write_all(out, buf, static_cast<std::size_t>(n));
  }
  if (::close(out) != 0) die("close " + path);
}

}  // namespace

int main(int argc, char** argv) {
  const char* dir = std::getenv("DELIVER_RECORD");
  if (!dir) {
    errno = EINVAL;
    die("DELIVER_RECORD is not set");
  }
  std::string prefix;
  int fd = -1;
  for (int n = 1; fd < 0; ++n) {
    prefix = std::string(dir) + "/" + std::to_string(n);
    fd = ::open((prefix + ".argv").c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0 && errno != EEXIST) die("create " + prefix + ".argv");
  }
  for (int i = 1; i < argc; ++i) {
    write_all(fd, argv[i], std::strlen(argv[i]));
    write_all(fd, "\n", 1);
  }
  ::close(fd);
  const char* read_mode = std::getenv("DELIVER_RECORD_READ");
  if (!read_mode || std::strcmp(read_mode, "none") != 0) {
    record(0, prefix + ".message");
    std::string self = argv[0];
    if (self.substr(self.rfind('/') + 1) == "qmail-queue") record(1, prefix + ".envelope");
  }
  const char* code = std::getenv("DELIVER_RECORD_EXIT");
  return code ? std::atoi(code) : 0;
}
