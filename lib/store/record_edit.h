// Field changes to an existing account record, as a value that can wait in
// a table's change queue (store/table_queue.h) and be applied by whichever
// writer commits next: vchattr's attributes and a new password hash.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/record.h"

namespace vmm::store {

// The fields one edit sets; an unset member is left as stored.
struct RecordEdit {
  std::optional<fmt::Limit> msg_count, expiry, hard_quota, soft_quota, msg_size;
  std::optional<bool> mailbox_enabled;
  std::optional<std::string> personal, password;

  void apply(fmt::Record& r) const;
  bool operator==(const RecordEdit&) const = default;
};

// One change as a writer asks for it: edits of named accounts (lowercased),
// applied all or nothing.
using Edits = std::vector<std::pair<std::string, RecordEdit>>;

// The bytes of a queued change: netstrings, a version first. decode_edits
// throws Error(permanent, "malformed queued change: ...") for anything it
// did not write.
std::string encode_edits(const Edits& edits);
Edits decode_edits(std::string_view bytes);

}  // namespace vmm::store
