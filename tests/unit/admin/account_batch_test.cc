#include "admin/account_batch.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <unistd.h>

#include "sys/error.h"

using namespace vmm::admin;

namespace {
using Views = std::vector<std::string_view>;
}

TEST_CASE("account_batch: lines are numbered, blanks and comments skipped, ends trimmed") {
  std::vector<BatchLine> lines = batch_lines("# head\n\n  joe pw \r\n\t# x\nann p\tq\nlast");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].number == 3);
  CHECK(lines[0].text == "joe pw");
  CHECK(lines[1].number == 5);
  CHECK(lines[1].text == "ann p\tq");
  CHECK(lines[2].number == 6);
  CHECK(lines[2].text == "last");
  CHECK(batch_lines("").empty());
  CHECK(batch_lines("\n\n \r\n").empty());
}

TEST_CASE("account_batch: fields split at runs of blanks") {
  CHECK(split_fields("a  b\tc") == Views{"a", "b", "c"});
  CHECK(split_fields("  a ") == Views{"a"});
  CHECK(split_fields("").empty());
}

TEST_CASE("account_batch: split_first keeps blanks inside the rest") {
  auto [name, rest] = split_first("ivar.holm  Toucan Fern/77");
  CHECK(name == "ivar.holm");
  CHECK(rest == "Toucan Fern/77");
  auto [only, none] = split_first("greta");
  CHECK(only == "greta");
  CHECK(none == "");
  auto [a, b] = split_first("greta   ");
  CHECK(a == "greta");
  CHECK(b == "");
}

TEST_CASE("account_batch: problems carry the line number") {
  CHECK(line_problem(BatchLine{12, "x"}, "account 'x' already exists") == "line 12: account 'x' already exists");
}

TEST_CASE("account_batch: BatchInput reads the whole input within the bound") {
  char path[] = "/tmp/vmm-batch-input.XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  const std::string lines = "joe s3cret\n# comment\nann pw\n";
  REQUIRE(write(fd, lines.data(), lines.size()) == static_cast<ssize_t>(lines.size()));
  REQUIRE(lseek(fd, 0, SEEK_SET) == 0);
  {
    vmm::admin::BatchInput input(fd);
    CHECK(input.text() == lines);
  }
  // One byte over the bound is refused whole (a sparse file: nothing is written).
  REQUIRE(ftruncate(fd, static_cast<off_t>(vmm::admin::kMaxBatchBytes) + 1) == 0);
  REQUIRE(lseek(fd, 0, SEEK_SET) == 0);
  try {
    vmm::admin::BatchInput too_big(fd);
    FAIL("a batch over the bound was accepted");
  } catch (const vmm::Error& e) {
    CHECK(e.cls() == vmm::ErrorClass::permanent);
    CHECK(std::string(e.what()) == "standard input is larger than 67108864 bytes");
  }
  close(fd);
  unlink(path);
}

TEST_CASE("account_batch: keep_hash stores a ready hash as given, refuses what cannot be one") {
  const std::string md5 = "$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.";
  CHECK(keep_hash(md5) == md5);
  CHECK(keep_hash("*") == "*");
  for (std::string bad : {std::string(""), std::string("a b"), std::string("p\xe4ss"), std::string("x\x01y"),
                          std::string("tab\there"), std::string("nul\0in", 6)}) {
    CAPTURE(bad);
    try {
      keep_hash(bad);
      FAIL("no error");
    } catch (const vmm::Error& e) {
      CHECK(e.cls() == vmm::ErrorClass::permanent);
      CHECK(std::string(e.what()) == "invalid password hash (it must be printable ASCII without blanks)");
    }
  }
}
