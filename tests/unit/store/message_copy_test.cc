#include "store/message_copy.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <thread>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::fmt::HeaderFilter;
using vmm::fmt::HeaderPlan;
using vmm::store::copy_from_offset;
using vmm::store::copy_message;
using vmm::store::kCopyChunk;
using namespace vmm::testing;

namespace {

HeaderPlan plan() {
  HeaderPlan p;
  p.added = "Delivered-To: d@x\n";
  p.loop_line = "Delivered-To: d@x";
  return p;
}

}  // namespace

TEST_CASE("copy_message: a pipe is read to its end in bounded pieces") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  vmm::sys::Fd rd(fds[0]), wr(fds[1]);
  std::string message = "Subject: big\n\n";
  for (int i = 0; message.size() < 3 * kCopyChunk + 123; ++i) message += "line " + std::to_string(i) + "\n";
  std::thread writer([&] {
    vmm::sys::write_all(wr.get(), message, "pipe");
    wr.close();
  });
  HeaderFilter filter(plan());
  std::string out;
  std::size_t pieces = 0, largest = 0;
  std::uint64_t read = copy_message(rd.get(), filter, [&](std::string_view bytes) {
    out += bytes;
    ++pieces;
    largest = std::max(largest, bytes.size());
  });
  writer.join();
  CHECK(read == message.size());
  CHECK(out == "Delivered-To: d@x\n" + message);
  CHECK(pieces >= 3);
  CHECK(largest <= 2 * kCopyChunk + 64);
  CHECK(!filter.looping());
}

TEST_CASE("copy_message: an empty input gives just the added lines; a loop is reported") {
  InputPipe empty("");
  HeaderFilter f1(plan());
  std::string out;
  CHECK(copy_message(empty.read.get(), f1, [&](std::string_view b) { out += b; }) == 0);
  CHECK(out == "Delivered-To: d@x\n");
  InputPipe looping("Delivered-To: d@x\n\nbody\n");
  HeaderFilter f2(plan());
  copy_message(looping.read.get(), f2, [](std::string_view) {});
  CHECK(f2.looping());
}

TEST_CASE("copy_message: a read error is reported as reading the message") {
  TempDir tmp;
  write_file(tmp / "f", "x");
  vmm::sys::Fd wronly = vmm::sys::open_file(tmp / "f", O_WRONLY);
  HeaderFilter f(plan());
  try {
    copy_message(wronly.get(), f, [](std::string_view) {});
    FAIL("no exception");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()) == "unable to read the message: Bad file descriptor");
    CHECK(e.err() == EBADF);
  }
}

TEST_CASE("copy_from_offset: the rest of a file, whatever its own offset") {
  TempDir tmp;
  std::string data(3 * kCopyChunk + 7, 'a');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + i % 26);
  write_file(tmp / "src", data);
  vmm::sys::Fd src = vmm::sys::open_file(tmp / "src", O_RDONLY);
  vmm::sys::Fd dst = vmm::sys::open_file(tmp / "dst", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(::lseek(src.get(), 5, SEEK_SET) == 5);
  copy_from_offset(src.get(), 10, dst.get(), "src", "dst");
  CHECK(file_bytes(tmp / "dst") == data.substr(10));
  CHECK(::lseek(src.get(), 0, SEEK_CUR) == 5);
  vmm::sys::Fd past = vmm::sys::open_file(tmp / "past", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  copy_from_offset(src.get(), data.size() + 100, past.get(), "src", "past");
  CHECK(file_bytes(tmp / "past").empty());
}

TEST_CASE("copy_from_offset: errors name the side that failed") {
  TempDir tmp;
  write_file(tmp / "src", "abc");
  vmm::sys::Fd src = vmm::sys::open_file(tmp / "src", O_RDONLY);
  vmm::sys::Fd ro = vmm::sys::open_file(tmp / "src", O_RDONLY);
  CHECK_THROWS_WITH_AS(copy_from_offset(src.get(), 0, ro.get(), "the copy", "the reader"),
                       "unable to write the reader: Bad file descriptor", vmm::Error);
  vmm::sys::Fd wo = vmm::sys::open_file(tmp / "src", O_WRONLY);
  CHECK_THROWS_WITH_AS(copy_from_offset(wo.get(), 0, ro.get(), "the copy", "the reader"),
                       "unable to read the copy: Bad file descriptor", vmm::Error);
}
