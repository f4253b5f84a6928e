// The Maildir++ quota file "maildirsize" (Courier's README.maildirquota, as
// Dovecot's maildir quota backend reads and writes it):
//   line 1   the quota definition: "<bytes>S", "<messages>C" or both joined
//            by ',' ("1000000S,500C"); 0 means no limit; Dovecot writes "0S"
//            when there is none
//   line 2+  "<bytes> <messages>" changes, possibly negative; their sum is
//            the mailbox's usage. A last line without '\n' is a write still
//            in progress and is ignored.
// Pure bytes in and out: reading the file and deciding when to recompute it
// is store/maildir_quota's job.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fmt/record.h"

namespace vmm::fmt {

// nullopt (or 0 in the file) = no limit of that kind.
struct QuotaLimits {
  Limit bytes, count;
  bool operator==(const QuotaLimits&) const = default;
};

// "<bytes>S,<count>C" with the parts that are set and non-zero (a zero limit
// cannot be written: Maildir++ reads 0 as unlimited); "0S" when none is.
std::string format_quota_definition(const QuotaLimits& limits);

// Items separated by ',', each decimal digits then 'S' or 'C'; a 0 value is
// no limit; an empty definition is no limit at all. nullopt for anything
// else (an unknown letter, a missing number, a value past 64 bits).
std::optional<QuotaLimits> parse_quota_definition(std::string_view line);

struct MaildirSize {
  QuotaLimits limits;
  std::int64_t bytes = 0, count = 0;  // sums of every change line
  std::size_t change_lines = 0;       // lines after the definition
};

// nullopt when the text cannot be trusted and the file must be recomputed:
// empty, no complete first line, a NUL byte, a definition or change line
// that does not parse ("[blanks]<integer><blanks><integer>[blanks]"), a sum
// that overflows or a negative total. Never throws: it reads untrusted bytes.
std::optional<MaildirSize> parse_maildirsize(std::string_view text);

// "<bytes> <count>\n", the line appended after a delivery (or an expunge).
std::string format_quota_change(std::int64_t bytes, std::int64_t count);

// A whole new file: the definition, then one line with the totals.
std::string format_maildirsize(const QuotaLimits& limits, std::uint64_t bytes,
                               std::uint64_t count);

}  // namespace vmm::fmt
