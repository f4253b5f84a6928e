#include "sys/private_fifo.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "../testing/temp_dir.h"

using namespace std::chrono_literals;
using vmm::sys::PrivateFifo;
using vmm::testing::TempDir;

TEST_CASE("make_private_fifo: a 0600 FIFO in a new 0700 directory, readable without a writer") {
  TempDir d;
  PrivateFifo f = vmm::sys::make_private_fifo(d.path, "helper");
  struct stat st {};
  REQUIRE(::stat(f.dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0700);
  CHECK(f.dir.rfind(d.path + "/helper.", 0) == 0);
  REQUIRE(::lstat(f.path.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK((st.st_mode & 07777) == 0600);
  CHECK(f.path == f.dir + "/requests");
  CHECK((::fcntl(f.fd.get(), F_GETFD) & FD_CLOEXEC) != 0);
  vmm::sys::remove_names(f);
  CHECK(std::filesystem::is_empty(d.path));
}

TEST_CASE("await_writer: the first bytes come, the names go, reads then wait and see EOF") {
  TempDir d;
  PrivateFifo f = vmm::sys::make_private_fifo(d.path, "helper");
  int w = ::open(f.path.c_str(), O_WRONLY | O_NONBLOCK);
  REQUIRE(w >= 0);
  REQUIRE(::write(w, "abc", 3) == 3);
  CHECK(vmm::sys::await_writer(f, 2000ms));
  CHECK(std::filesystem::is_empty(d.path));
  CHECK((::fcntl(f.fd.get(), F_GETFL) & O_NONBLOCK) == 0);
  char buf[8];
  CHECK(::read(f.fd.get(), buf, sizeof buf) == 3);
  ::close(w);
  CHECK(::read(f.fd.get(), buf, sizeof buf) == 0);  // the last writer went
}

TEST_CASE("await_writer: nobody in time is false, and nothing is left behind") {
  TempDir d;
  PrivateFifo f = vmm::sys::make_private_fifo(d.path, "helper");
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(vmm::sys::await_writer(f, 200ms));
  CHECK(std::chrono::steady_clock::now() - start >= 150ms);
  CHECK(std::filesystem::is_empty(d.path));
}

TEST_CASE("make_private_fifo: a parent that is not there is an error naming it") {
  TempDir d;
  CHECK_THROWS_WITH(vmm::sys::make_private_fifo(d.path + "/none", "helper"),
                    doctest::Contains(("make a directory in " + d.path + "/none").c_str()));
}
