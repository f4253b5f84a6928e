// The text of an autoresponse (SPEC §17, RFC 3834 §3.1): built from the
// account's message file — header lines (Subject, From optional, any other
// such as Reply-To or Content-Type), an empty line, the body — and the
// header of the message answered.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fmt/header_fields.h"

namespace vmm::fmt {

struct AutoreplyParts {
  std::string from;        // the account's address: From when the file has none
  std::string to;          // the envelope sender of the message answered
  std::string date;        // mail_date
  std::string message_id;  // "<...@...>", the reply's own
  std::vector<HeaderField> original;  // the header of the message answered
};

// The subject used when the file has none (RFC 3834 §3.1.5's prefix).
inline constexpr std::string_view autoreply_default_subject = "Auto: %S";

// The reply, lines ending in LF (what qmail-queue and sendmail -oi take):
//   From (the file's, else parts.from), To: <parts.to>, Subject (the file's
//   or the default, every %S replaced by the original subject, unfolded,
//   control bytes as blanks; RFC 2047-encoded when it holds 8-bit bytes),
//   Date, Message-ID, In-Reply-To and References (RFC 5322 §3.6.4, from
//   the original's Message-ID, References or In-Reply-To; left out when it
//   has no Message-ID), Auto-Submitted: auto-replied, the file's other
//   header lines (not To, Cc, Bcc, Date, Message-ID, In-Reply-To,
//   References, Auto-Submitted, Return-Path, Delivered-To, Received), and
//   MIME-Version/Content-Type text/plain; charset=utf-8 with 8bit encoding
//   when the file has no Content-Type and its body holds 8-bit bytes; then
//   the empty line and the body, CR LF made LF. A file that does not start
//   with a header line is all body.
std::string autoreply_message(std::string_view file_text, const AutoreplyParts& parts);

// The "<...>" message identifiers in a field value (Message-ID, References,
// In-Reply-To), in order; anything between them (comments, junk) skipped,
// an identifier with blanks or control bytes dropped.
std::vector<std::string> message_ids(std::string_view value);

// RFC 2047 "B" encoded words for UTF-8 text (none split inside a
// character), joined by folding white space; text without 8-bit bytes and
// control bytes as it is.
std::string encode_header_text(std::string_view text);

}  // namespace vmm::fmt
