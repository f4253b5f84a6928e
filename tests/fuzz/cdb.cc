// libFuzzer target: CdbReader on arbitrary bytes. It may only throw
// Error(temporary) ("... is corrupt"), never read outside the input (ASan
// watches), and what for_each lists must be found again by find.
#include <cstdint>
#include <string>
#include <vector>

#include "fmt/cdb_read.h"
#include "sys/error.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vmm;
  // A private copy of exactly size bytes, so ASan sees any read past the end.
  std::vector<char> copy(data, data + size);
  std::string_view bytes(copy.data(), copy.size());
  try {
    fmt::CdbReader cdb(bytes, "fuzz.cdb");
    std::size_t n = 0;
    cdb.for_each([&](std::string_view key, std::string_view value) {
      // The record must be found, or the lookup must report corruption.
      try {
        auto all = cdb.find_all(key);
        auto first = cdb.find(key);
        FUZZ_CHECK(first.has_value() == !all.empty());
        if (first) FUZZ_CHECK(*first == all.front());
        (void)value;
      } catch (const Error& e) {
        FUZZ_CHECK(e.cls() == ErrorClass::temporary);
      }
      return ++n < 64;
    });
    // Keys taken from the tail of the input probe chains for absent keys too.
    if (size > 2048) (void)cdb.find(bytes.substr(2048, (size - 2048) % 16));
    (void)cdb.find("");
  } catch (const Error& e) {
    FUZZ_CHECK(e.cls() == ErrorClass::temporary);
  }
  return 0;
}
