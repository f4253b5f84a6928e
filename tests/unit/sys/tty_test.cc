#include "sys/tty.h"

#include <doctest/doctest.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "../testing/errors.h"
#include "../testing/pipe.h"
#include "../testing/pty.h"
#include "sys/error.h"

using namespace vmm::sys;
using vmm::testing::error_of;
using vmm::testing::Pty;

using vmm::testing::Pipe;

namespace {

}  // namespace

TEST_CASE("tty: pipes are not terminals, ptys are") {
  Pipe p;
  CHECK_FALSE(is_terminal(p.r));
  Pty t;
  CHECK(is_terminal(t.slave));
  CHECK_FALSE(is_terminal(-1));
}

TEST_CASE("tty: open_terminal opens a terminal, or gives an invalid Fd") {
  Pty pty;
  Fd t = open_terminal(pty.slave_path);
  REQUIRE(t.valid());
  CHECK(is_terminal(t.get()));
  CHECK_FALSE(open_terminal("/nonexistent/tty").valid());
}

TEST_CASE("tty: read_line takes one line and leaves the rest unread") {
  Pipe p;
  p.put("first line \r\nsecond");
  p.close_write();
  std::string line;
  CHECK(read_line(p.r, line, 100, "standard input"));
  CHECK(line == "first line \r");  // stripping is the caller's policy
  CHECK(read_line(p.r, line, 100, "standard input"));
  CHECK(line == "second");
  CHECK_FALSE(read_line(p.r, line, 100, "standard input"));
  CHECK(line == "");
}

TEST_CASE("tty: an empty line is a line, EOF is not") {
  Pipe p;
  p.put("\n");
  p.close_write();
  std::string line = "old";
  CHECK(read_line(p.r, line, 10, "standard input"));
  CHECK(line == "");
  CHECK_FALSE(read_line(p.r, line, 10, "standard input"));
}

TEST_CASE("tty: read_line is bounded") {
  Pipe p;
  p.put("12345678901\n");
  p.close_write();
  std::string line;
  CHECK(error_of([&] { read_line(p.r, line, 10, "standard input"); }) ==
        "standard input is longer than 10 bytes");
  Pipe ok;
  ok.put("1234567890\n");
  CHECK(read_line(ok.r, line, 10, "standard input"));
  CHECK(line == "1234567890");
}

TEST_CASE("tty: a read error names what was read") {
  std::string line;
  CHECK(error_of([&] { read_line(-1, line, 10, "standard input"); }) ==
        "unable to read standard input: Bad file descriptor");
}

TEST_CASE("tty: hidden entry shows the prompt, never the password, and restores echo") {
  Pty t;
  REQUIRE(t.echo_on());
  std::string shown;
  std::thread user([&] {
    shown = t.screen_until("Password: ");
    t.type("s3cret word\n");
  });
  std::string line;
  bool got = read_hidden_line(t.slave, "Password: ", line, 100);
  user.join();
  CHECK(got);
  CHECK(line == "s3cret word");
  CHECK(shown == "Password: ");
  std::string after = t.screen_until("\n");
  CHECK(after == "\r\n");  // our own newline, no echoed password
  CHECK(t.echo_on());
}

TEST_CASE("tty: EOF at a hidden prompt is reported, echo restored") {
  Pty t;
  std::thread user([&] {
    t.screen_until("Password: ");
    t.type("\x04");  // ^D at the start of a line
  });
  std::string line = "x";
  CHECK_FALSE(read_hidden_line(t.slave, "Password: ", line, 100));
  user.join();
  CHECK(line == "");
  CHECK(t.echo_on());
}

TEST_CASE("tty: an interrupt at a hidden prompt restores the terminal and the handler") {
  Pty t;
  struct sigaction before {};
  ::sigaction(SIGINT, nullptr, &before);
  pthread_t reader = ::pthread_self();
  std::thread user([&] {
    t.screen_until("Password: ");
    ::pthread_kill(reader, SIGINT);
  });
  std::string line;
  CHECK(error_of([&] { read_hidden_line(t.slave, "Password: ", line, 100); }) ==
        "password entry interrupted");
  user.join();
  CHECK(t.echo_on());
  struct sigaction now {};
  ::sigaction(SIGINT, nullptr, &now);
  CHECK((now.sa_handler == before.sa_handler));
}

TEST_CASE("tty: hidden entry needs a terminal") {
  Pipe p;
  std::string line;
  CHECK(error_of([&] { read_hidden_line(p.r, "Password: ", line, 100); }) ==
        "unable to read the terminal settings: Inappropriate ioctl for device");
}

TEST_CASE("tty: a hidden line is bounded too") {
  Pty t;
  std::thread user([&] {
    t.screen_until("P: ");
    t.type("abcdefghijk\n");
  });
  std::string line;
  CHECK(error_of([&] { read_hidden_line(t.slave, "P: ", line, 10); }) ==
        "the password is longer than 10 bytes");
  user.join();
  CHECK(t.echo_on());
}
