#include "fmt/cdb_read.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fmt/cdb_write.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::fmt::CdbReader;
using vmm::fmt::CdbWriter;
using vmm::fmt::StringSink;

namespace {

using Records = std::vector<std::pair<std::string, std::string>>;

std::string le32(std::uint32_t v) {
  std::string s;
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}

void set32(std::string& bytes, std::size_t at, std::uint32_t v) { bytes.replace(at, 4, le32(v)); }

std::string build(const Records& records) {
  StringSink sink;
  CdbWriter w(sink);
  for (const auto& [k, d] : records) w.add(k, d);
  w.finish();
  return sink.bytes;
}

Records dump(const CdbReader& r) {
  Records out;
  r.for_each([&](std::string_view k, std::string_view d) {
    out.emplace_back(k, d);
    return true;
  });
  return out;
}

// The message of the Error thrown by f, after checking its class is temporary.
template <typename F>
std::string corrupt_message(F f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    return e.what();
  }
  return "no error";
}

std::string sv(std::string_view s) { return std::string(s); }

// A database written by tinycdb (`cdb -c`) for "+1,1:a->b", spelled out by hand
// so the reader is checked against bytes our writer did not make.
std::string tinycdb_one_record() {
  std::string b;
  for (unsigned t = 0; t < 256; ++t) {
    if (t < 196) b += le32(2058) + le32(0);
    if (t == 196) b += le32(2058) + le32(2);
    if (t > 196) b += le32(2074) + le32(0);
  }
  b += le32(1) + le32(1) + "ab";
  b += le32(0) + le32(0) + le32(177604) + le32(2048);
  return b;
}

}  // namespace

TEST_CASE("cdb reader: an empty view is an empty database") {
  CdbReader r("", "passwd.cdb");
  CHECK_FALSE(r.find("a").has_value());
  CHECK(r.find_all("").empty());
  CHECK(dump(r).empty());
}

TEST_CASE("cdb reader: zero records") {
  std::string bytes = build({});
  REQUIRE(bytes.size() == 2048);
  CdbReader r(bytes);
  CHECK_FALSE(r.find("").has_value());
  CHECK_FALSE(r.find("a").has_value());
  CHECK(dump(r).empty());
}

TEST_CASE("cdb reader: a file written by tinycdb") {
  std::string bytes = tinycdb_one_record();
  CdbReader r(bytes);
  REQUIRE(r.find("a").has_value());
  CHECK(*r.find("a") == "b");
  CHECK_FALSE(r.find("b").has_value());
  CHECK_FALSE(r.find("A").has_value());
  CHECK(dump(r) == Records{{"a", "b"}});
}

TEST_CASE("cdb reader: one record round trip") {
  std::string bytes = build({{"joe", "data"}});
  CdbReader r(bytes);
  CHECK(r.find("joe") == std::optional<std::string_view>("data"));
  CHECK(r.find_all("joe") == std::vector<std::string_view>{"data"});
  CHECK_FALSE(r.find("jo").has_value());
  CHECK_FALSE(r.find("joe ").has_value());
  CHECK(dump(r) == Records{{"joe", "data"}});
}

TEST_CASE("cdb reader: awkward bytes in keys and data") {
  const Records records = {
      {"", "empty key"},
      {"nodata", ""},
      {"\x80\xff\xfe", "eight-bit key"},
      {"\xe9t\xe9", "\xff\x80"},
      {std::string("nul\0key", 7), std::string("nul\0data\0", 9)},
      {"line\nfeed", "two\nlines\n"},
      {std::string(1, '\0'), std::string(1, '\n')},
  };
  std::string bytes = build(records);
  CdbReader r(bytes, "x.cdb");
  for (const auto& [k, d] : records) {
    CAPTURE(k);
    auto got = r.find(k);
    REQUIRE(got.has_value());
    CHECK(sv(*got) == d);
  }
  CHECK_FALSE(r.find("nul").has_value());  // a key is not cut at NUL
  CHECK_FALSE(r.find("\x80\xff").has_value());
  CHECK(dump(r) == records);
}

TEST_CASE("cdb reader: duplicate keys, find is the first and find_all all in order") {
  std::string bytes = build({{"a", "1"}, {"b", "x"}, {"a", "2"}, {"a", ""}, {"a", "4"}});
  CdbReader r(bytes);
  CHECK(r.find("a") == std::optional<std::string_view>("1"));
  CHECK(r.find_all("a") == std::vector<std::string_view>{"1", "2", "", "4"});
  CHECK(r.find_all("b") == std::vector<std::string_view>{"x"});
  CHECK(r.find_all("c").empty());
  CHECK(dump(r) == Records{{"a", "1"}, {"b", "x"}, {"a", "2"}, {"a", ""}, {"a", "4"}});
}

TEST_CASE("cdb reader: 10 000 records round trip") {
  Records records;
  for (int i = 0; i < 10000; ++i) {
    std::string k = "user" + std::to_string(i);
    if (i % 3 == 0) k += "\xc3\xa9";
    std::string d = "data\n" + std::to_string(i * 7) + std::string(1, '\0') + k;
    records.emplace_back(k, d);
  }
  std::string bytes = build(records);
  CdbReader r(bytes);
  for (const auto& [k, d] : records) {
    auto got = r.find_all(k);
    REQUIRE(got.size() == 1);
    CHECK(sv(got[0]) == d);
  }
  CHECK_FALSE(r.find("user10000").has_value());
  CHECK(dump(r) == records);
}

TEST_CASE("cdb reader: for_each stops when told") {
  std::string bytes = build({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  CdbReader r(bytes);
  std::vector<std::string> seen;
  r.for_each([&](std::string_view k, std::string_view) {
    seen.emplace_back(k);
    return k != "b";
  });
  CHECK(seen == std::vector<std::string>{"a", "b"});
}

TEST_CASE("cdb reader: every truncation is reported as corrupt") {
  std::string bytes = build({{"a", "1"}, {"bb", "22"}, {"a", "333"}, {"", ""}});
  for (std::size_t len = 1; len < bytes.size(); ++len) {
    CAPTURE(len);
    std::string cut = bytes.substr(0, len);
    std::string msg = corrupt_message([&] {
      CdbReader r(cut, "t.cdb");
      r.find("a");
      dump(r);
    });
    CHECK(msg.rfind("t.cdb is corrupt: ", 0) == 0);
  }
  CHECK(corrupt_message([&] { CdbReader(bytes.substr(0, 100), "t.cdb"); }) ==
        "t.cdb is corrupt: 100 bytes, shorter than the 2048-byte header");
  CHECK(corrupt_message([&] { CdbReader(bytes.substr(0, 2047), "t.cdb"); }) ==
        "t.cdb is corrupt: 2047 bytes, shorter than the 2048-byte header");
  CHECK(corrupt_message([&] { CdbReader(bytes.substr(0, bytes.size() - 1), "t.cdb"); }) ==
        "t.cdb is corrupt: hash table 197 runs past the end of the file");
}

TEST_CASE("cdb reader: corrupt header positions") {
  const std::string good = tinycdb_one_record();
  std::string bytes = good;
  SUBCASE("a table inside the header") {
    set32(bytes, 7 * 8, 2047);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb"); }) ==
          "p.cdb is corrupt: hash table 7 lies inside the header");
  }
  SUBCASE("a table past the end") {
    set32(bytes, 196 * 8, 2067);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb"); }) ==
          "p.cdb is corrupt: hash table 196 runs past the end of the file");
  }
  SUBCASE("an empty table positioned past the end") {
    set32(bytes, 0, 0xFFFFFFFF);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb"); }) ==
          "p.cdb is corrupt: hash table 0 runs past the end of the file");
  }
  SUBCASE("a huge slot count") {
    set32(bytes, 196 * 8 + 4, 0xFFFFFFFF);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb"); }) ==
          "p.cdb is corrupt: hash table 196 runs past the end of the file");
  }
}

TEST_CASE("cdb reader: corrupt record positions and lengths") {
  const std::string good = tinycdb_one_record();
  std::string bytes = good;
  const std::size_t slot1 = 2058 + 8;  // the slot holding "a"
  SUBCASE("slot points past the end") {
    set32(bytes, slot1 + 4, 0xFFFFFFF0);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb").find("a"); }) ==
          "p.cdb is corrupt: record at position 4294967280 runs into the hash tables");
  }
  SUBCASE("slot points into the header") {
    set32(bytes, slot1 + 4, 100);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb").find_all("a"); }) ==
          "p.cdb is corrupt: record at position 100 lies inside the header");
  }
  SUBCASE("slot points into the hash tables") {
    set32(bytes, slot1 + 4, 2058);
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb").find("a"); }) ==
          "p.cdb is corrupt: record at position 2058 runs into the hash tables");
  }
  SUBCASE("key length too large") {
    set32(bytes, 2048, 0xFFFFFFFF);
    std::string expected = "p.cdb is corrupt: record at position 2048 runs into the hash tables";
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb").find("a"); }) == expected);
    CHECK(corrupt_message([&] { dump(CdbReader(bytes, "p.cdb")); }) == expected);
  }
  SUBCASE("data length reaching into the tables") {
    set32(bytes, 2052, 2);
    std::string expected = "p.cdb is corrupt: record at position 2048 runs into the hash tables";
    CHECK(corrupt_message([&] { CdbReader(bytes, "p.cdb").find("a"); }) == expected);
    CHECK(corrupt_message([&] { dump(CdbReader(bytes, "p.cdb")); }) == expected);
  }
  SUBCASE("an empty table placed before the end of the records") {
    set32(bytes, 0, 2050);
    CHECK(corrupt_message([&] { dump(CdbReader(bytes, "p.cdb")); }) ==
          "p.cdb is corrupt: record at position 2048 runs into the hash tables");
  }
  SUBCASE("other hashes in the chain are not read") {
    set32(bytes, slot1, 1);  // hash no longer matches: the bad position is never followed
    set32(bytes, slot1 + 4, 0xFFFFFFF0);
    CHECK_FALSE(CdbReader(bytes).find("a").has_value());
  }
}

TEST_CASE("cdb reader: a full probe chain ends after nslots probes") {
  // Both slots of table 196 are taken by records of another hash: no empty
  // slot ends the chain, yet a lookup must stop.
  std::string bytes = tinycdb_one_record();
  set32(bytes, 2058, 12345);
  set32(bytes, 2062, 2048);
  set32(bytes, 2066, 12345);
  CdbReader r(bytes);
  CHECK_FALSE(r.find("a").has_value());
  CHECK(r.find_all("a").empty());
  // The same record in both slots with the right hash: found twice, still ends.
  set32(bytes, 2058, 177604);
  set32(bytes, 2066, 177604);
  CHECK(CdbReader(bytes).find_all("a") == std::vector<std::string_view>{"b", "b"});
}
