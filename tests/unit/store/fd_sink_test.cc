#include <doctest/doctest.h>

#include <fcntl.h>

#include <string>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "fmt/cdb_write.h"
#include "store/fd_sink.h"
#include "sys/error.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::testing;

TEST_CASE("appends arrive in order, through the buffer and around it") {
  TempDir dir;
  const std::string path = dir / "out";
  sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  store::FdSink sink(fd.get(), path, 4);
  sink.append("ab");
  sink.append("c");
  CHECK(file_bytes(path) == "");  // still buffered
  sink.append("defgh");           // larger than the buffer: flushed, then direct
  CHECK(file_bytes(path) == "abcdefgh");
  sink.append("ij");
  sink.append("");
  sink.append("klm");  // would overflow the buffer: "ij" goes out first
  CHECK(file_bytes(path) == "abcdefghij");
  sink.flush();
  sink.flush();  // nothing left: no-op
  CHECK(file_bytes(path) == "abcdefghijklm");
}

TEST_CASE("the header lands at offset 0 even while the placeholder is buffered") {
  TempDir dir;
  const std::string path = dir / "out";
  sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  store::FdSink sink(fd.get(), path);
  sink.append(std::string(8, '0'));
  sink.append("tail");
  sink.write_header("HEADER");
  sink.append("+more");
  sink.flush();
  CHECK(file_bytes(path) == "HEADER00tail+more");
}

TEST_CASE("a CDB written through the sink equals the one built in memory") {
  TempDir dir;
  const std::string path = dir / "t.cdb";
  fmt::StringSink memory;
  {
    sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    store::FdSink sink(fd.get(), path, 100);  // small, so many flushes happen
    fmt::CdbWriter on_disk(sink), in_memory(memory);
    for (int i = 0; i < 300; ++i) {
      std::string key = "user" + std::to_string(i), data(static_cast<std::size_t>(i), 'd');
      on_disk.add(key, data);
      in_memory.add(key, data);
    }
    on_disk.finish();
    in_memory.finish();
    sink.flush();
  }
  CHECK(file_bytes(path) == memory.bytes);
}

TEST_CASE("write errors name the file") {
  TempDir dir;
  const std::string path = dir / "ro";
  write_file(path, "", 0600);
  sys::Fd fd = sys::open_file(path, O_RDONLY);
  auto expect_ebadf = [&](auto&& action) {
    try {
      action();
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      CHECK(e.err() == EBADF);
      CHECK(std::string(e.what()) == "unable to write " + path + ": Bad file descriptor");
    }
  };
  store::FdSink sink(fd.get(), path, 16);
  sink.append("buffered");
  expect_ebadf([&] { sink.flush(); });
  expect_ebadf([&] { sink.append(std::string(32, 'x')); });
  store::FdSink other(fd.get(), path, 16);
  expect_ebadf([&] { other.write_header("H"); });
}
