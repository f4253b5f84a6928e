#include "daemon/line_channel.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "../testing/errors.h"
#include "../testing/pipe.h"
#include "sys/fd.h"
#include "sys/fd_wait.h"

using namespace vmm::daemon;
using namespace std::chrono_literals;
using vmm::testing::Pipe;

TEST_CASE("FdLineChannel: lines ending in LF or CR LF, in any pieces") {
  Pipe in, out;
  FdLineChannel io(in.r, out.w, 2000ms, 10);
  in.put("user joe\r\npass a b c\nnew");
  std::string line;
  CHECK(io.read_line(line) == LineRead::line);
  CHECK(line == "user joe");
  CHECK(io.read_line(line) == LineRead::line);
  CHECK(line == "pass a b c");
  in.put("pass 1\r");
  in.put("\n");
  CHECK(io.read_line(line) == LineRead::line);
  CHECK(line == "newpass 1");
  in.put("\n");
  CHECK(io.read_line(line) == LineRead::line);
  CHECK(line.empty());
  in.put("0123456789\n");  // exactly the bound
  CHECK(io.read_line(line) == LineRead::line);
  CHECK(line == "0123456789");
  in.put("half");
  in.close_write();
  CHECK(io.read_line(line) == LineRead::closed);
  io.write_line("200 ok");
  out.close_write();
  CHECK(vmm::sys::read_bounded(out.r, 100, "out") == "200 ok\r\n");
}

TEST_CASE("FdLineChannel: a line over the bound, a silent client") {
  Pipe in, out;
  FdLineChannel io(in.r, out.w, 100ms, 10);
  std::string line;
  auto start = std::chrono::steady_clock::now();
  CHECK(io.read_line(line) == LineRead::timeout);
  CHECK(std::chrono::steady_clock::now() - start >= 95ms);
  in.put("01234567890\n");
  CHECK(io.read_line(line) == LineRead::too_long);
  Pipe in2, out2;
  FdLineChannel io2(in2.r, out2.w, 100ms, 10);
  in2.put(std::string(5000, 'x'));  // no LF at all: stops at the bound, never reads it all
  CHECK(io2.read_line(line) == LineRead::too_long);
}

TEST_CASE("FdLineChannel: a client that does not read its replies") {
  Pipe in, out;
  vmm::sys::set_nonblocking(out.w, "pipe");
  FdLineChannel io(in.r, out.w, 100ms, 10);
  CHECK(vmm::testing::error_of(
            [&] {
              for (int i = 0; i < 100000; ++i) io.write_line(std::string(1000, 'x'));
            },
            vmm::ErrorClass::temporary) == "the client does not read its replies");
}
