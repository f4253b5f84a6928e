#include "cli/password_input.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/pty.h"
#include "sys/error.h"

using namespace vmm::cli;
using vmm::testing::error_of;
using vmm::testing::InputPipe;
using vmm::testing::Pty;

namespace {

std::string from_pipe(const std::string& text) {
  InputPipe in(text);
  return read_new_password("joe", {in.read.get(), "/dev/null"});
}

// Answers the two prompts with first and second; returns the whole screen.
std::string converse(Pty& t, const std::string& first, const std::string& second,
                     std::string& result, std::string& error, const std::string& terminal) {
  std::string screen;
  std::thread user([&] {
    screen = t.screen_until("New password for 'joe': ");
    t.type(first + "\n");
    screen += t.screen_until("Retype new password for 'joe': ");
    t.type(second + "\n");
    screen += t.screen_until("\n");
  });
  try {
    result = read_new_password("joe", {t.slave, terminal});
  } catch (const vmm::Error& e) {
    error = e.what();
  }
  user.join();
  return screen;
}

}  // namespace

TEST_CASE("password_input: strip_line_end drops CR LF and trailing blanks only") {
  std::string s = "  pass word \t \r\n";
  strip_line_end(s);
  CHECK(s == "  pass word");
  s = " \r\n\t";
  strip_line_end(s);
  CHECK(s == "");
  s = "x";
  strip_line_end(s);
  CHECK(s == "x");
}

TEST_CASE("password_input: one line from a pipe") {
  CHECK(from_pipe("Toucan Fern/77\n") == "Toucan Fern/77");
  CHECK(from_pipe("Quartz~Lamp8  \r\nsecond line\n") == "Quartz~Lamp8");
  CHECK(from_pipe("no newline at the end") == "no newline at the end");
  CHECK(from_pipe(" leading kept\n") == " leading kept");
}

TEST_CASE("password_input: nothing usable on the pipe is an error") {
  CHECK(error_of([] { from_pipe(""); }) == "no password given");
  CHECK(error_of([] { from_pipe("\n"); }) == "no password given");
  CHECK(error_of([] { from_pipe("  \t\r\n"); }) == "no password given");
  CHECK(error_of([] { from_pipe(std::string(1025, 'x') + "\n"); }) ==
        "the password on standard input is longer than 1024 bytes");
  CHECK(from_pipe(std::string(1024, 'x') + "\n") == std::string(1024, 'x'));
}

TEST_CASE("password_input: a terminal is asked twice without echo") {
  Pty t;
  std::string result, error;
  std::string screen = converse(t, "Kestrel.Moss-42 ", "Kestrel.Moss-42", result, error, t.slave_path);
  CHECK(error == "");
  CHECK(result == "Kestrel.Moss-42");
  CHECK(screen == "New password for 'joe': \r\nRetype new password for 'joe': \r\n");
}

TEST_CASE("password_input: the terminal falls back to standard input itself") {
  Pty t;
  std::string result, error;
  std::string screen = converse(t, "abc", "abc", result, error, "/nonexistent/tty");
  CHECK(error == "");
  CHECK(result == "abc");
  CHECK(screen.find("abc") == std::string::npos);
}

TEST_CASE("password_input: a mismatch on the terminal is an error") {
  Pty t;
  std::string result, error;
  std::string screen = converse(t, "one", "two", result, error, t.slave_path);
  CHECK(error == "the passwords do not match");
  CHECK(result == "");
  CHECK(screen.find("one") == std::string::npos);
  CHECK(screen.find("two") == std::string::npos);
}

TEST_CASE("password_input: an empty entry on the terminal asks no more") {
  Pty t;
  std::string screen;
  std::thread user([&] {
    screen = t.screen_until("New password for 'joe': ");
    t.type("   \n");
  });
  CHECK(error_of([&] { read_new_password("joe", {t.slave, t.slave_path}); }) == "no password given");
  user.join();
  screen += t.screen_until("\n");
  CHECK(screen == "New password for 'joe': \r\n");
}
