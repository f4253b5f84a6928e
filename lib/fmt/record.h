// The account record stored as the value of a table entry (SPEC §3.2).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vmm::fmt {

// A stored number; nullopt = "-" (unlimited / never).
using Limit = std::optional<std::uint64_t>;

struct Record {
  std::string password;               // hash, as stored
  std::string directory;              // relative to the base home ("./users/joe"); may be empty
  std::vector<std::string> forwards;  // as given: name, name@, name@domain
  std::string personal;
  Limit hard_quota, soft_quota, msg_size, msg_count;  // bytes, bytes, bytes, messages
  Limit ctime, expiry;                                // unix seconds
  bool has_mailbox = false;                           // flag 10
  bool mailbox_enabled = true;                        // flag 8
  bool operator==(const Record&) const = default;
};

// Always version 2, flags 10 then 8.
std::string encode_record(const Record& r);

// Version 2 (0x02), version 1 (0x01) or legacy text (":hash:dest").
// Throws Error(permanent, <what is wrong>) without the account name; the caller adds it.
Record decode_record(std::string_view bytes);

// One line "name:hash:dest" of a legacy text passwd file (no newline).
// Throws Error(permanent, <what is wrong>).
std::pair<std::string, Record> decode_legacy_line(std::string_view line);

}  // namespace vmm::fmt
