// The autoresponder (SPEC §17, RFC 3834): after a message is stored, the
// account's enabled autoresponse (domain/autoresponse.h) goes back to its
// sender — unless the sender or the message says no reply is wanted, or
// the sender had one within autoresponse-interval. The reply goes out with
// the null envelope sender, by qmail-queue or the sendmail setting, like a
// forward.
#pragma once
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "domain/config.h"
#include "fmt/header_fields.h"

namespace vmm::deliver {

// Why sender gets no reply; "" when it may (RFC 3834 §2): the null sender
// (a bounce) and qmail's double-bounce "#@[]", no '@', a control byte, a
// local part that is MAILER-DAEMON or postmaster, ends in "-request" or
// starts with "owner-" (lists and their owners), or the account's own
// address (a reply to itself would loop). Case-insensitive.
std::string sender_problem(std::string_view sender, std::string_view own_address);

// Why a message with this header gets no reply; "" when it may:
// Auto-Submitted other than "no" (comments and parameters ignored),
// Precedence bulk, list or junk, any List-* field (RFC 2369, 2919), or
// ezmlm's Mailing-List.
std::string header_problem(const std::vector<fmt::HeaderField>& header);

struct AutoreplyRequest {
  std::string account_dir;  // absolute; empty when the account has none
  std::string sender;       // the envelope sender of the message stored
  std::string own_address;  // the address the message came to (account@domain)
  int message_fd = -1;      // the stored copy...
  std::uint64_t offset = 0;  // ...and where the message itself starts in it
  std::time_t now = 0;
};

struct AutoreplyResult {
  enum class Outcome {
    none,     // no enabled autoresponse: nothing to say
    skipped,  // one is enabled but not due: text says why
    sent,     // text says to whom
  } outcome = Outcome::none;
  std::string text;
};

// Decides and sends. Errors (unreadable files, a lock not got, a failing
// qmail-queue or sendmail) throw vmm::Error; the record of the reply is
// then taken back, so the sender's next message tries again. The caller
// reports them without failing the delivery.
AutoreplyResult autoreply(const domain::Config& config, const AutoreplyRequest& request);

}  // namespace vmm::deliver
