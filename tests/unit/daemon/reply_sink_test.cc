#include "daemon/reply_sink.h"

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <string>

#include "../testing/errors.h"
#include "../testing/pipe.h"
#include "sys/fd.h"
#include "sys/fd_wait.h"
#include "sys/signals.h"

using namespace vmm::daemon;
using namespace std::chrono_literals;
using vmm::fmt::DaemonCode;
using vmm::testing::Pipe;

TEST_CASE("FdReplySink: frames as they are sent; a client that does not read is given up") {
  Pipe p;
  vmm::sys::set_nonblocking(p.w, "pipe");
  FdReplySink sink(p.w, 100ms);
  sink.send({DaemonCode::ok, "one"});
  sink.send({DaemonCode::error, ""});
  p.close_write();
  CHECK(vmm::sys::read_bounded(p.r, 100, "pipe") == std::string("\0\0\3one\2\0\0", 9));

  Pipe q;
  vmm::sys::set_nonblocking(q.w, "pipe");
  FdReplySink slow(q.w, 100ms);
  auto start = std::chrono::steady_clock::now();
  CHECK(vmm::testing::error_of(
            [&] {
              for (int i = 0; i < 100; ++i) slow.send({DaemonCode::ok, std::string(60000, 'x')});
            },
            vmm::ErrorClass::temporary) == "the client does not read its reply");
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK(vmm::testing::error_of([&] { slow.send({DaemonCode::ok, std::string(70000, 'x')}); }) ==
        "reply too long: 70000 bytes, at most 65535 fit in a frame");
}
