// libFuzzer target: the checkpassword request read from fd 3 (SPEC §6).
// Any input either parses or throws Error(usage); a parsed request is
// re-encodable and parses back to the same fields.
#include <cstdint>
#include <string>

#include "fmt/checkpassword.h"
#include "sys/error.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vmm;
  std::string_view in = fuzz::as_view(data, size);
  try {
    fmt::CheckpasswordRequest req = fmt::parse_checkpassword(in);
    FUZZ_CHECK(size <= fmt::kCheckpasswordMax);
    FUZZ_CHECK(!req.login.empty());
    FUZZ_CHECK(req.login.find('\0') == std::string::npos);
    FUZZ_CHECK(req.password.find('\0') == std::string::npos);
    std::string again = req.login + '\0' + req.password + '\0';
    if (req.has_timestamp) again += req.timestamp + '\0';
    FUZZ_CHECK(again == in);
  } catch (const Error& e) {
    FUZZ_CHECK(e.cls() == ErrorClass::usage);
  }
  return 0;
}
