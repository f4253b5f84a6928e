#include "sys/random.h"

#include <doctest/doctest.h>

#include <array>
#include <set>
#include <vector>

using vmm::sys::random_fill;
using vmm::sys::random_u64;

TEST_CASE("random_u64: 64 values never repeat and use every bit position") {
  std::set<std::uint64_t> seen;
  std::uint64_t ored = 0, anded = ~std::uint64_t{0};
  for (int i = 0; i < 64; ++i) {
    std::uint64_t v = random_u64();
    seen.insert(v);
    ored |= v;
    anded &= v;
  }
  CHECK(seen.size() == 64);
  CHECK(ored == ~std::uint64_t{0});  // each bit was 1 at least once
  CHECK(anded == 0);                 // and 0 at least once
}

TEST_CASE("random_fill: fills the whole buffer, also past one getrandom block") {
  std::vector<unsigned char> buf(1 << 20, 0);
  random_fill(buf.data(), buf.size());
  std::array<int, 256> counts{};
  for (unsigned char c : buf) ++counts[c];
  // A megabyte of random bytes has every value, about 4096 times each.
  for (int c : counts) {
    CHECK(c > 3000);
    CHECK(c < 5200);
  }
  std::vector<unsigned char> tail(buf.end() - 16, buf.end());
  CHECK(tail != std::vector<unsigned char>(16, 0));
}

TEST_CASE("random_fill: zero bytes is fine and touches nothing") {
  unsigned char byte = 0x5a;
  random_fill(&byte, 0);
  CHECK(byte == 0x5a);
}
