// libFuzzer target: the account record decoder (SPEC §3.2), all three forms,
// and one line of a legacy text passwd file. A decoded record must survive
// encode -> decode unchanged; anything else must be Error(permanent).
#include <cstdint>
#include <string>

#include "fmt/record.h"
#include "sys/error.h"
#include "fuzz_input.h"

namespace {

void round_trip(const vmm::fmt::Record& r) {
  std::string bytes = vmm::fmt::encode_record(r);
  FUZZ_CHECK(!bytes.empty() && bytes[0] == '\x02');
  vmm::fmt::Record again = vmm::fmt::decode_record(bytes);
  FUZZ_CHECK(again == r);
  FUZZ_CHECK(vmm::fmt::encode_record(again) == bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vmm;
  std::string_view in = fuzz::as_view(data, size);
  try {
    round_trip(fmt::decode_record(in));
  } catch (const Error& e) {
    FUZZ_CHECK(e.cls() == ErrorClass::permanent);
  }
  try {
    auto [name, r] = fmt::decode_legacy_line(in);
    round_trip(r);
  } catch (const Error& e) {
    FUZZ_CHECK(e.cls() == ErrorClass::permanent);
  }
  return 0;
}
