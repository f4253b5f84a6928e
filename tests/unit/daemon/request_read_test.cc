#include "daemon/request_read.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "../testing/pipe.h"
#include "fmt/daemon_frame.h"

using namespace vmm::daemon;
using namespace std::chrono_literals;
using vmm::testing::Pipe;

namespace {

auto soon(std::chrono::milliseconds d = 2000ms) { return std::chrono::steady_clock::now() + d; }

}  // namespace

TEST_CASE("read_request: exactly one frame, never a byte more") {
  Pipe p;
  const std::string frame = vmm::fmt::encode_daemon_request({"check", {"example.test", "joe", "pw"}});
  p.put(frame + "TRAILING");
  RawRequest r = read_request(p.r, soon());
  CHECK(r.status == RequestRead::complete);
  CHECK(r.payload == frame.substr(3));
  CHECK(r.announced == frame.size() - 3);
  CHECK(r.received == frame.size());
  std::string rest;
  p.close_write();
  char buf[16];
  CHECK(::read(p.r, buf, sizeof buf) == 8);  // left for nobody
}

TEST_CASE("read_request: a frame in pieces, an empty payload, the largest") {
  {
    Pipe p;
    p.put(std::string("\x02\x00", 2));
    p.put(std::string("\x02", 1));
    p.put("ab");
    RawRequest r = read_request(p.r, soon());
    CHECK(r.status == RequestRead::complete);
    CHECK(r.payload == "ab");
  }
  {
    Pipe p;
    p.put(std::string("\x02\x00\x00", 3));
    RawRequest r = read_request(p.r, soon());
    CHECK(r.status == RequestRead::complete);
    CHECK(r.payload.empty());
  }
}

TEST_CASE("read_request: end of file early, another protocol, time running out") {
  {
    Pipe p;
    p.close_write();
    RawRequest r = read_request(p.r, soon());
    CHECK(r.status == RequestRead::nothing);
    CHECK(describe(r) == "connection closed without a request");
  }
  {
    Pipe p;
    p.put(std::string("\x02\x00", 2));
    p.close_write();
    RawRequest r = read_request(p.r, soon());
    CHECK(r.status == RequestRead::truncated);
    CHECK(describe(r) == "truncated request: 2 of 3 header bytes received");
  }
  {
    Pipe p;
    p.put(std::string("\x02\x01\x00", 3) + "abc");
    p.close_write();
    RawRequest r = read_request(p.r, soon());
    CHECK(r.status == RequestRead::truncated);
    CHECK(describe(r) == "truncated request: 3 of 256 bytes received");
  }
  {
    Pipe p;
    p.put("GET / HTTP/1.0\r\n");  // never waits for more
    RawRequest r = read_request(p.r, soon(60s));
    CHECK(r.status == RequestRead::not_protocol);
    CHECK(describe(r) == "not a protocol 2 request");
  }
  {
    Pipe p;
    p.put(std::string("\x02\xff\xff", 3) + "slow");
    auto start = std::chrono::steady_clock::now();
    RawRequest r = read_request(p.r, soon(100ms));
    CHECK(r.status == RequestRead::timeout);
    CHECK(std::chrono::steady_clock::now() - start >= 95ms);
    CHECK(describe(r) == "timed out waiting for the request: 4 of 65535 bytes received");
  }
  {
    Pipe p;
    RawRequest r = read_request(p.r, soon(50ms));
    CHECK(r.status == RequestRead::timeout);
    CHECK(describe(r) == "timed out waiting for the request: 0 of 3 header bytes received");
  }
}
