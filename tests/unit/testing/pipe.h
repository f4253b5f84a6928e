// A pipe for tests that write one end and read the other, both ends closed
// on destruction unless closed before.
#pragma once
#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

namespace vmm::testing {

struct Pipe {
  int r = -1, w = -1;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    r = fds[0];
    w = fds[1];
  }
  ~Pipe() {
    if (r >= 0) ::close(r);
    if (w >= 0) ::close(w);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void put(const std::string& s) { REQUIRE(::write(w, s.data(), s.size()) == ssize_t(s.size())); }
  void close_write() {
    ::close(w);
    w = -1;
  }
  void close_read() {
    ::close(r);
    r = -1;
  }
};

}  // namespace vmm::testing
