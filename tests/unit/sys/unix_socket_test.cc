#include "sys/unix_socket.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

#include "../testing/temp_dir.h"
#include "sys/error.h"

using namespace vmm;
using vmm::testing::TempDir;

namespace {

// A listening socket at path, with room for `backlog` waiting connections.
sys::Fd listen_at(const std::string& path, int backlog) {
  sys::Fd fd(::socket(AF_UNIX, SOCK_STREAM, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.data(), path.size());
  REQUIRE(::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(fd.get(), backlog) == 0);
  return fd;
}

std::string message_of(const std::string& path) {
  try {
    sys::connect_unix(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "connected";
}

}  // namespace

TEST_CASE("connect_unix: a listening socket, and a blocking descriptor to talk on") {
  TempDir d;
  const std::string path = d / "s";
  sys::Fd server = listen_at(path, 4);
  sys::Fd client = sys::connect_unix(path);
  sys::Fd accepted(::accept(server.get(), nullptr, nullptr));
  REQUIRE(accepted.valid());
  sys::write_all(client.get(), "ping", "test");
  char buf[4];
  CHECK(::read(accepted.get(), buf, 4) == 4);
  CHECK(std::string(buf, 4) == "ping");
}

TEST_CASE("connect_unix: no server, a file that is no socket, a path too long") {
  TempDir d;
  CHECK(message_of(d / "none") == "unable to connect to " + (d / "none") + ": No such file or directory");
  const std::string file = d / "f";
  ::close(::creat(file.c_str(), 0600));
  CHECK(message_of(file) == "unable to connect to " + file + ": Connection refused");
  const std::string unbound = d / "unbound";
  {
    sys::Fd s = listen_at(unbound, 1);
  }  // closed: the socket file stays, nobody listens
  CHECK(message_of(unbound) == "unable to connect to " + unbound + ": Connection refused");
  try {
    sys::connect_unix("/" + std::string(200, 'x'));
    FAIL("connected");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::usage);
  }
  CHECK_THROWS_AS(sys::connect_unix(""), Error);
}

TEST_CASE("connect_unix: a server whose queue is full is busy, not waited for") {
  TempDir d;
  const std::string path = d / "s";
  sys::Fd server = listen_at(path, 0);
  std::vector<sys::Fd> queued;
  std::string message;
  for (int i = 0; i < 8 && message.empty(); ++i) {
    try {
      queued.push_back(sys::connect_unix(path));
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::temporary);
      message = e.what();
    }
  }
  CHECK(message == "unable to connect to " + path + ": the server is busy");
}
