#include "sys/fd_wait.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>

#include "../testing/pipe.h"
#include "../testing/errors.h"
#include "sys/error.h"
#include "sys/signals.h"

using namespace vmm::sys;
using namespace std::chrono_literals;
using vmm::Error;

using vmm::testing::Pipe;

namespace {

}  // namespace

TEST_CASE("fd_wait: readable when there are bytes or end of file, else a timeout") {
  Pipe p;
  auto start = std::chrono::steady_clock::now();
  CHECK(wait_readable(p.r, 50ms, "pipe") == FdWait::timeout);
  CHECK(std::chrono::steady_clock::now() - start >= 45ms);
  CHECK(wait_readable(p.r, 0ms, "pipe") == FdWait::timeout);
  CHECK(wait_readable(p.r, -5ms, "pipe") == FdWait::timeout);
  REQUIRE(::write(p.w, "abc", 3) == 3);
  CHECK(wait_readable(p.r, 0ms, "pipe") == FdWait::ready);
  std::string out = "x";
  CHECK(read_some(p.r, out, 2, "pipe") == 2);
  CHECK(out == "xab");
  CHECK(read_some(p.r, out, 100, "pipe") == 1);
  CHECK(out == "xabc");
  p.close_write();
  CHECK(wait_readable(p.r, 1000ms, "pipe") == FdWait::ready);  // end of file
  CHECK(read_some(p.r, out, 100, "pipe") == 0);
  CHECK(out == "xabc");
}

TEST_CASE("fd_wait: writable until the pipe is full") {
  Pipe p;
  CHECK(wait_writable(p.w, 0ms, "pipe") == FdWait::ready);
  REQUIRE(::fcntl(p.w, F_SETFL, O_NONBLOCK) == 0);
  const std::string block(4096, 'x');
  while (::write(p.w, block.data(), block.size()) > 0) {
  }
  REQUIRE(errno == EAGAIN);
  CHECK(wait_writable(p.w, 20ms, "pipe") == FdWait::timeout);
  std::string out;  // drain it all: room again
  while (wait_readable(p.r, 0ms, "pipe") == FdWait::ready) read_some(p.r, out, 65536, "pipe");
  CHECK(wait_writable(p.w, 0ms, "pipe") == FdWait::ready);
}

TEST_CASE("fd_wait: errors say what failed") {
  std::string out;
  try {
    read_some(-1, out, 10, "the request");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "unable to read the request: Bad file descriptor");
    CHECK(e.err() == EBADF);
  }
  CHECK(out == "");
  Pipe p;
  p.close_read();
  int fd = p.w;
  // poll reports POLLERR on a pipe without a reader: ready, the write then fails.
  CHECK(wait_writable(fd, 0ms, "pipe") == FdWait::ready);
}

TEST_CASE("fd_wait: write_within writes everything, or gives up at the deadline") {
  Pipe p;
  set_nonblocking(p.w, "pipe");
  CHECK((::fcntl(p.w, F_GETFL) & O_NONBLOCK) != 0);
  const auto soon = std::chrono::steady_clock::now() + 1s;
  CHECK(write_within(p.w, "hello", soon, "pipe"));
  std::string out;
  CHECK(read_some(p.r, out, 100, "pipe") == 5);
  CHECK(out == "hello");
  // More than a pipe holds, and nobody reads: false once the time is up.
  const std::string big(1 << 20, 'x');
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(write_within(p.w, big, start + 100ms, "pipe"));
  CHECK(std::chrono::steady_clock::now() - start >= 95ms);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  // The reader gone: EPIPE (SIGPIPE ignored here, as the daemons do).
  ignore_signal(SIGPIPE);
  p.close_read();
  Error e = vmm::testing::thrown_by([&] { write_within(p.w, "x", start + 1s, "the reply"); });
  CHECK(std::string(e.what()) == "unable to write the reply: Broken pipe");
  default_signal(SIGPIPE);
  CHECK(vmm::testing::thrown_by([&] { set_nonblocking(-1, "nothing"); }).err() == EBADF);
}

TEST_CASE("fd_wait: discard_pending reads what is there, at most max, and never waits") {
  Pipe p;
  p.put(std::string(100, 'x'));
  auto start = std::chrono::steady_clock::now();
  discard_pending(p.r, 60);
  std::string out;
  CHECK(read_some(p.r, out, 1000, "pipe") == 40);
  discard_pending(p.r, 1000);  // nothing there, the writer still open: back at once
  CHECK(std::chrono::steady_clock::now() - start < 1s);
  discard_pending(-1, 10);  // errors ignored
}
