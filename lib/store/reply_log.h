// Whom an autoresponder has answered, and when (SPEC §17): at most one reply
// per sender per interval, exact however many deliveries run at once.
// DIR/replies holds one line per sender, "UNIXTIME ADDRESS"; it is replaced
// whole (temporary file, rename) under an fcntl lock on DIR/replies.lock,
// so a crash leaves the old or the new record and never blocks later
// deliveries (the kernel drops the lock of a dead process).
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace vmm::store {

// The record stays bounded: beyond this many senders the oldest are
// forgotten (they may get one more reply).
inline constexpr std::size_t reply_log_max_entries = 10000;

class ReplyLog {
 public:
  // dir must exist (the account's autoresponse directory).
  explicit ReplyLog(std::string dir,
                    std::chrono::milliseconds lock_wait = std::chrono::seconds(30));

  // Under the lock: when address (compared lowercased) has no entry from the
  // last interval seconds, records it as answered at now and returns true;
  // otherwise false. interval nullopt: a sender is answered once, ever;
  // 0: always. Entries older than the interval are dropped. An address that
  // is empty or holds a control byte is Error(permanent). A lock not got
  // within lock_wait: Error(temporary).
  bool claim(std::string_view address, std::time_t now, std::optional<std::int64_t> interval) const;

  // Takes back what claim(address, at ...) recorded, when the reply could
  // not be sent, so the sender's next message tries again.
  void release(std::string_view address, std::time_t at) const;

  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_, lock_path_;
  std::chrono::milliseconds lock_wait_;
};

}  // namespace vmm::store
