#include "sys/tty.h"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::sys {
namespace {

volatile sig_atomic_t g_interrupted = 0;

void note_signal(int sig) { g_interrupted = sig; }

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// Echo off for as long as it lives; the signals above only set a flag (no
// SA_RESTART, so a blocked read returns EINTR) until it is destroyed.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_) != 0) throw_errno("read the terminal settings");
    struct sigaction sa {};
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    g_interrupted = 0;
    for (std::size_t i = 0; i < std::size(kSignals); ++i) ::sigaction(kSignals[i], &sa, &old_[i]);
    struct termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK | ECHONL);
    quiet.c_lflag |= ICANON;
    if (::tcsetattr(fd_, TCSAFLUSH, &quiet) != 0) {
      int err = errno;
      restore_signals();
      throw errno_error("turn off the terminal's echo", err);
    }
  }
  ~EchoOff() {
    ::tcsetattr(fd_, TCSANOW, &saved_);
    restore_signals();
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  void restore_signals() {
    for (std::size_t i = 0; i < std::size(kSignals); ++i) ::sigaction(kSignals[i], &old_[i], nullptr);
  }
  int fd_;
  struct termios saved_;
  struct sigaction old_[std::size(kSignals)];
};

// What read_line does, with a hook deciding whether EINTR ends the line.
bool read_line_impl(int fd, std::string& line, std::size_t max_bytes, const std::string& what,
                    bool stop_on_signal) {
  line.clear();
  line.reserve(max_bytes + 1);
  bool any = false;
  for (;;) {
    if (stop_on_signal && g_interrupted) throw Error(ErrorClass::permanent, "password entry interrupted");
    char c;
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("read " + what);
    }
    if (n == 0) return any;
    any = true;
    if (c == '\n') return true;
    if (line.size() == max_bytes)
      throw Error(ErrorClass::permanent,
                  what + " is longer than " + std::to_string(max_bytes) + " bytes");
    line.push_back(c);
  }
}

}  // namespace

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

Fd open_terminal(const std::string& path) {
  return Fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
}

bool read_line(int fd, std::string& line, std::size_t max_bytes, const std::string& what) {
  return read_line_impl(fd, line, max_bytes, what, false);
}

bool read_hidden_line(int fd, std::string_view prompt, std::string& line, std::size_t max_bytes) {
  bool got;
  {
    EchoOff quiet(fd);
    write_all(fd, prompt, "the terminal");
    got = read_line_impl(fd, line, max_bytes, "the password", true);
  }
  write_all(fd, "\n", "the terminal");
  return got;
}

}  // namespace vmm::sys
