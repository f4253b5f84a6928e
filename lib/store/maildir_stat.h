// How many messages a Maildir holds and how big they are, split the way
// VMailMgr's daemon reported it (SPEC §15, the stat command): new, unseen,
// seen. Only the Maildir itself is counted (its new/ and cur/), not its
// sub-folders, as VMailMgr did.
#pragma once
#include <cstdint>
#include <string>

namespace vmm::store {

struct MessageCount {
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;  // the files' sizes: the bytes of the messages
  bool operator==(const MessageCount&) const = default;
};

struct MaildirStats {
  MessageCount fresh;   // new/
  MessageCount unseen;  // cur/ without the S flag
  MessageCount seen;    // cur/ whose ":2," flags hold S
  bool operator==(const MaildirStats&) const = default;
};

// Every regular file of new/ and cur/ (names starting with '.' and anything
// that is not a plain file — never followed — are skipped; a file moved away
// while counting is not counted). In cur/, a name whose info part
// (after the last ':') starts "2," and whose flags hold 'S' is seen, every
// other one unseen. new/ or cur/ missing or unreadable: errno_error("open
// directory PATH").
MaildirStats maildir_stats(const std::string& maildir);

}  // namespace vmm::store
