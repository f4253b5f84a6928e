// A pseudo-terminal for the tests of what a person types: the program side
// is `slave` (at slave_path), the person's side `master`.
#pragma once
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace vmm::testing {

struct Pty {
  int master = -1, slave = -1;
  std::string slave_path;
  Pty() {
    master = ::posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    slave_path = ::ptsname(master);
    slave = ::open(slave_path.c_str(), O_RDWR | O_NOCTTY);
    REQUIRE(slave >= 0);
  }
  ~Pty() {
    ::close(slave);
    ::close(master);
  }
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  // Everything the terminal showed until `until` appears (or 5 s pass).
  std::string screen_until(const std::string& until) {
    std::string seen;
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (seen.find(until) == std::string::npos && std::chrono::steady_clock::now() < end) {
      struct pollfd p = {master, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char buf[256];
      ssize_t n = ::read(master, buf, sizeof buf);
      if (n > 0) seen.append(buf, std::size_t(n));
    }
    return seen;
  }
  void type(const std::string& s) { REQUIRE(::write(master, s.data(), s.size()) == ssize_t(s.size())); }
  bool echo_on() {
    struct termios t;
    REQUIRE(::tcgetattr(slave, &t) == 0);
    return (t.c_lflag & ECHO) != 0;
  }
};

}  // namespace vmm::testing
