// libFuzzer target: the Maildir++ maildirsize file. parse never throws; a
// definition it accepts is written back by format_quota_definition in a form
// that parses to the same limits; totals are never negative.
#include <cstdint>
#include <string>

#include "fmt/maildirsize.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vmm;
  std::string_view text = fuzz::as_view(data, size);
  auto parsed = fmt::parse_maildirsize(text);
  if (parsed) {
    FUZZ_CHECK(parsed->bytes >= 0 && parsed->count >= 0);
    std::string whole = fmt::format_maildirsize(parsed->limits, parsed->bytes, parsed->count);
    auto again = fmt::parse_maildirsize(whole);
    FUZZ_CHECK(again && again->limits == parsed->limits);
    FUZZ_CHECK(again->bytes == parsed->bytes && again->count == parsed->count);
  }
  std::string_view first = text.substr(0, text.find('\n'));
  if (auto limits = fmt::parse_quota_definition(first)) {
    auto again = fmt::parse_quota_definition(fmt::format_quota_definition(*limits));
    FUZZ_CHECK(again && *again == *limits);
  }
  return 0;
}
