#include "lookup/connection.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "../testing/pipe.h"
#include "sys/error.h"

using namespace vmm::lookup;
using namespace std::chrono_literals;
using vmm::Error;
using vmm::ErrorClass;

using vmm::testing::Pipe;

namespace {

std::string drain(int fd) {
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

TEST_CASE("FdConnection: reads what arrives, writes replies, sees the end") {
  Pipe in, out;
  FdConnection conn(in.r, out.w, 1000ms);
  REQUIRE(::write(in.w, "15:virtual joe@x.y,", 19) == 19);
  std::string got = "<";
  CHECK(conn.read(got, 4) == ConnectionRead::data);
  CHECK(got == "<15:v");
  CHECK(conn.read(got, 100) == ConnectionRead::data);
  CHECK(got == "<15:virtual joe@x.y,");
  CHECK(conn.write("9:NOTFOUND ,") == ConnectionWrite::done);
  in.close_write();
  CHECK(conn.read(got, 100) == ConnectionRead::closed);
  out.close_write();
  CHECK(drain(out.r) == "9:NOTFOUND ,");
}

TEST_CASE("FdConnection: the idle bound counts from the last reply, not per read") {
  Pipe in, out;
  FdConnection conn(in.r, out.w, 200ms);
  std::string got;
  auto start = std::chrono::steady_clock::now();
  REQUIRE(::write(in.w, "1", 1) == 1);
  CHECK(conn.read(got, 10) == ConnectionRead::data);
  std::this_thread::sleep_for(150ms);  // dribbling does not extend the bound
  REQUIRE(::write(in.w, "2", 1) == 1);
  CHECK(conn.read(got, 10) == ConnectionRead::data);
  CHECK(conn.read(got, 10) == ConnectionRead::timeout);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 190ms);
  CHECK(waited < 400ms);
  // A reply starts a new bound.
  CHECK(conn.write("x") == ConnectionWrite::done);
  start = std::chrono::steady_clock::now();
  CHECK(conn.read(got, 10) == ConnectionRead::timeout);
  CHECK(std::chrono::steady_clock::now() - start >= 190ms);
  CHECK(got == "12");
}

TEST_CASE("FdConnection: a reply that cannot be written in time") {
  Pipe in, out;
  FdConnection conn(in.r, out.w, 50ms);
  // Fill the pipe: the client reads nothing.
  const std::string block(65536 * 4, 'x');
  REQUIRE(::fcntl(out.w, F_SETFL, O_NONBLOCK) == 0);
  while (::write(out.w, block.data(), block.size()) > 0) {
  }
  REQUIRE(::fcntl(out.w, F_SETFL, 0) == 0);
  CHECK(conn.write("9:NOTFOUND ,") == ConnectionWrite::timeout);
}

TEST_CASE("FdConnection: I/O errors throw") {
  int closed;
  {
    Pipe p;
    closed = p.r;
  }
  FdConnection conn(closed, closed, 10ms);  // poll says POLLNVAL: ready; read says EBADF
  std::string got;
  try {
    conn.read(got, 10);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "unable to read the request: Bad file descriptor");
  }
  CHECK_THROWS_AS(conn.write("x"), Error);
}

TEST_CASE("parse_idle_timeout: whole seconds from 1 to 86400") {
  CHECK(parse_idle_timeout("1") == 1s);
  CHECK(parse_idle_timeout("60") == 60s);
  CHECK(parse_idle_timeout("86400") == 86400s);
  for (const char* bad : {"", "0", "86401", "-1", "1.5", "10s", " 5", "99999999999999999999999"}) {
    CAPTURE(bad);
    try {
      parse_idle_timeout(bad);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::usage);
      CHECK(std::string(e.what()) ==
            "bad timeout '" + std::string(bad) + "': give whole seconds from 1 to 86400");
    }
  }
}
