#include "fmt/cdb_write.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fmt/cdb_hash.h"
#include "fmt/cdb_read.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::fmt::cdb_hash;
using vmm::fmt::CdbReader;
using vmm::fmt::CdbSink;
using vmm::fmt::CdbWriter;
using vmm::fmt::StringSink;

namespace {

std::string le32(std::uint32_t v) {
  std::string s;
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}

// A header where every table is empty at pos except the given ones.
std::string header_with(std::uint32_t empty_before, std::uint32_t empty_after,
                        const std::vector<std::pair<unsigned, std::string>>& tables) {
  std::string h;
  unsigned next = 0;
  std::uint32_t empty_pos = empty_before;
  for (unsigned t = 0; t < 256; ++t) {
    if (next < tables.size() && tables[next].first == t) {
      h += tables[next++].second;
      empty_pos = empty_after;
    } else {
      h += le32(empty_pos) + le32(0);
    }
  }
  return h;
}

// Discards the bytes, counting them: lets a test reach 4 GiB without the disk.
struct CountingSink : CdbSink {
  void append(std::string_view b) override {
    total += b.size();
    ++appends;
  }
  void write_header(std::string_view h) override { header = std::string(h); }
  std::uint64_t total = 0;
  int appends = 0;
  std::string header;
};

// Remembers the size of each append, to see how records are handed over.
struct RecordingSink : CdbSink {
  void append(std::string_view b) override { sizes.push_back(b.size()); }
  void write_header(std::string_view) override {}
  std::vector<std::size_t> sizes;
};

std::string build(const std::vector<std::pair<std::string, std::string>>& records) {
  StringSink sink;
  CdbWriter w(sink);
  for (const auto& [k, d] : records) w.add(k, d);
  w.finish();
  return sink.bytes;
}

void check_error(const Error& e, ErrorClass cls, const std::string& msg) {
  CHECK(e.cls() == cls);
  CHECK(std::string(e.what()) == msg);
}

}  // namespace

TEST_CASE("cdb_hash: known values, bytes taken unsigned") {
  CHECK(cdb_hash("") == 5381u);
  CHECK(cdb_hash("a") == 177604u);
  CHECK(cdb_hash("abc") == 193409669u);
  CHECK(cdb_hash("postmaster") == 1412970497u);
  CHECK(cdb_hash("\xff") == 177498u);  // a signed char would give ~177573
  CHECK(cdb_hash("\x80\x81\xfe") == 193233210u);
  CHECK(cdb_hash(std::string_view("a\0b\nc", 5)) == 170883215u);
}

TEST_CASE("cdb writer: an empty database is a header of (2048, 0) pairs") {
  std::string expected;
  for (int t = 0; t < 256; ++t) expected += le32(2048) + le32(0);
  CHECK(build({}) == expected);
}

TEST_CASE("cdb writer: one record, bytes as tinycdb writes them") {
  // hash("a") = 177604: table 196, first slot (177604 >> 8) % 2 = 1.
  // Empty tables before it start at 2058 (after the record), those after at 2074.
  std::string expected = header_with(2058, 2074, {{196, le32(2058) + le32(2)}});
  expected += le32(1) + le32(1) + "ab";
  expected += le32(0) + le32(0) + le32(177604) + le32(2048);
  CHECK(build({{"a", "b"}}) == expected);
}

TEST_CASE("cdb writer: duplicate keys keep their order in the probe chain") {
  // Two records, same hash: 4 slots, first slot 693 % 4 = 1, the second goes to slot 2.
  std::string expected = header_with(2068, 2100, {{196, le32(2068) + le32(4)}});
  expected += le32(1) + le32(1) + "a1" + le32(1) + le32(1) + "a2";
  expected += le32(0) + le32(0) + le32(177604) + le32(2048) + le32(177604) + le32(2058) +
              le32(0) + le32(0);
  CHECK(build({{"a", "1"}, {"a", "2"}}) == expected);
}

TEST_CASE("cdb writer: probing wraps around to slot 0") {
  // Four records keyed "\xff" (table 90): 8 slots, the first (177498 >> 8) % 8 = 5,
  // so slots 5, 6, 7 and then 0.
  std::string four = build({{"\xff", "1"}, {"\xff", "2"}, {"\xff", "3"}, {"\xff", "4"}});
  std::string expected = header_with(2088, 2152, {{90, le32(2088) + le32(8)}});
  for (char d = '1'; d <= '4'; ++d) expected += le32(1) + le32(1) + "\xff" + d;
  expected += le32(177498) + le32(2078) + std::string(32, '\0');
  for (std::uint32_t pos : {2048, 2058, 2068}) expected += le32(177498) + le32(pos);
  CHECK(four == expected);
  CHECK(CdbReader(four).find_all("\xff") == std::vector<std::string_view>{"1", "2", "3", "4"});
}

TEST_CASE("cdb writer: small records are one append each, large ones are not copied") {
  RecordingSink sink;
  CdbWriter w(sink);
  w.add("k", "v");
  w.add("key", std::string(2000, 'x'));
  w.finish();
  // placeholder header, one small record, large record as 3 pieces, the tables.
  CHECK(sink.sizes == std::vector<std::size_t>{2048, 10, 8, 3, 2000, 32});
}

TEST_CASE("cdb writer: StringSink puts the header at offset 0") {
  StringSink s;
  s.append(std::string(2048, '\0'));
  s.append("tail");
  s.write_header(std::string(2048, 'h'));
  CHECK(s.bytes == std::string(2048, 'h') + "tail");
}

TEST_CASE("cdb writer: misuse after finish is refused") {
  StringSink sink;
  CdbWriter w(sink);
  w.finish();
  std::string before = sink.bytes;
  try {
    w.add("a", "b");
    FAIL("add after finish accepted");
  } catch (const Error& e) {
    check_error(e, ErrorClass::usage, "cdb record added after finish");
  }
  try {
    w.finish();
    FAIL("second finish accepted");
  } catch (const Error& e) {
    check_error(e, ErrorClass::usage, "cdb database finished twice");
  }
  CHECK(sink.bytes == before);
}

TEST_CASE("cdb writer: the 4 GiB limit, without writing 4 GiB") {
  const std::string big(16 * 1024 * 1024, 'x');  // reused for every large record
  CountingSink sink;
  CdbWriter w(sink);
  for (int i = 0; i < 255; ++i) w.add("", big);
  const std::uint64_t pos = 2048 + 255 * (8 + big.size());
  REQUIRE(sink.total == pos);
  const std::uint64_t room = 0xFFFFFFFFull - pos;  // bytes left for positions to stay 32-bit

  SUBCASE("a record one byte too large is refused, nothing appended") {
    int appends = sink.appends;
    try {
      w.add("x", std::string_view(big).substr(0, room - 8));
      FAIL("record past 4 GiB accepted");
    } catch (const Error& e) {
      check_error(e, ErrorClass::permanent, "database would exceed 4 GiB");
    }
    CHECK(sink.total == pos);
    CHECK(sink.appends == appends);
    // The one that ends exactly at 0xFFFFFFFF fits.
    w.add("x", std::string_view(big).substr(0, room - 9));
    CHECK(sink.total == 0xFFFFFFFFull);
    CHECK_THROWS_WITH_AS(w.add("", ""), "database would exceed 4 GiB", Error);
    // And the tables no longer fit either: nothing appended, no header.
    CHECK_THROWS_WITH_AS(w.finish(), "database would exceed 4 GiB", Error);
    CHECK(sink.total == 0xFFFFFFFFull);
    CHECK(sink.header.empty());
  }

  SUBCASE("tables ending exactly at 0xFFFFFFFF are accepted") {
    w.add("", std::string_view(big).substr(0, room - 8 - 16 * 256));
    w.finish();
    CHECK(sink.total == 0xFFFFFFFFull);
    REQUIRE(sink.header.size() == 2048);
    CHECK(sink.header.substr(255 * 8, 4) == le32(0xFFFFFFFFu));  // last table, empty, at the end
  }

  SUBCASE("tables one byte past the limit are refused") {
    w.add("", std::string_view(big).substr(0, room - 8 - 16 * 256 + 1));
    std::uint64_t total = sink.total;
    try {
      w.finish();
      FAIL("tables past 4 GiB accepted");
    } catch (const Error& e) {
      check_error(e, ErrorClass::permanent, "database would exceed 4 GiB");
    }
    CHECK(sink.total == total);
    CHECK(sink.header.empty());
  }
}
