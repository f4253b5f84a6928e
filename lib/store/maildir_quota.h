// An account's hard quota and message-count limit (SPEC §7 step 4), kept in
// the Maildir++ file <maildir>/maildirsize that Dovecot's maildir quota
// backend and Courier read and write too. The file is trusted as long as
// those programs would trust it; otherwise the usage is recomputed from the
// file names (",S=<size>", else the file's size) of new/ and cur/ of the
// Maildir and of every Maildir++ folder (".Name/"), and the file rewritten.
#pragma once
#include <cstdint>
#include <ctime>
#include <string>

#include "fmt/maildirsize.h"

namespace vmm::store {

struct QuotaUsage {
  std::uint64_t bytes = 0, count = 0;
  bool operator==(const QuotaUsage&) const = default;
};

// Sums new/ and cur/ of maildir and of its folders. A missing directory
// counts as empty and a file that vanishes meanwhile is skipped; other
// failures throw errno_error.
QuotaUsage scan_maildir(const std::string& maildir);

// Why a delivery of this size does not fit, or "" when it does. A limit of
// 0 is a real 0 (the record says so), though maildirsize cannot express it.
std::string quota_excess(const fmt::QuotaLimits& limits, const QuotaUsage& usage,
                         std::uint64_t message_size);

class MaildirQuota {
 public:
  MaildirQuota(std::string maildir, fmt::QuotaLimits limits, std::time_t now);

  std::string path() const { return maildir_ + "/maildirsize"; }

  // The usage before a message of message_size bytes is added. The file is
  // recomputed (and rewritten through tmp/ and a rename) when it is missing,
  // 5120 bytes or larger, does not parse, holds other limits, or the message
  // would not fit and the file holds more than one change line or is older
  // than 15 minutes (Courier's and Dovecot's rules). A recount during which
  // a counted directory changed is returned but not written down (as
  // Dovecot does): the next reader counts again. Like every Maildir++
  // writer's, the numbers are approximate while several processes recount
  // at once. Errors throw.
  QuotaUsage usage(std::uint64_t message_size);

  // Appends "<bytes> <count>" after a delivery. A missing file stays missing
  // (the next reader recomputes it). Errors throw errno_error.
  void add(std::int64_t bytes, std::int64_t count);

 private:
  QuotaUsage recompute();

  std::string maildir_;
  fmt::QuotaLimits limits_;
  std::time_t now_;
};

}  // namespace vmm::store
