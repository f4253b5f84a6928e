#include "store/message_header.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using namespace vmm::store;
using namespace vmm::testing;

namespace {

StoredHeader header_of(const std::string& bytes, std::uint64_t offset, std::size_t max) {
  TempDir tmp;
  write_file(tmp / "m", bytes);
  sys::Fd fd = sys::open_file(tmp / "m", O_RDONLY);
  StoredHeader h = read_stored_header(fd.get(), offset, max, "m");
  CHECK(::lseek(fd.get(), 0, SEEK_CUR) == 0);  // pread: the offset is left alone
  return h;
}

}  // namespace

TEST_CASE("read_stored_header: from the offset to the empty line") {
  StoredHeader h = header_of("Delivered-To: x\nSubject: s\nA: b\n\nbody\n\nmore\n", 16, 1000);
  CHECK(h.text == "Subject: s\nA: b\n\n");
  CHECK(h.complete);
  h = header_of("Subject: s\r\nA: b\r\n\r\nbody\r\n", 0, 1000);
  CHECK(h.text == "Subject: s\r\nA: b\r\n\r\n");
  h = header_of("\nbody\n", 0, 1000);
  CHECK(h.text == "\n");
  CHECK(h.complete);
}

TEST_CASE("read_stored_header: no empty line: the whole file, complete") {
  StoredHeader h = header_of("Subject: s\nA: b", 0, 1000);
  CHECK(h.text == "Subject: s\nA: b");
  CHECK(h.complete);
  h = header_of("x", 5, 1000);
  CHECK(h.text == "");
  CHECK(h.complete);
}

TEST_CASE("read_stored_header: a header larger than the bound is incomplete") {
  std::string big = "X: " + std::string(20000, 'a') + "\n\nbody";
  StoredHeader h = header_of(big, 0, 10000);
  CHECK(h.text.size() == 10000);
  CHECK(!h.complete);
  h = header_of(big, 0, 30000);  // across several reads
  CHECK(h.text == big.substr(0, big.size() - 4));
  CHECK(h.complete);
}
