#include "deliver/autoreply.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "deliver/forward.h"
#include "domain/autoresponse.h"
#include "fmt/ascii.h"
#include "fmt/autoreply_message.h"
#include "fmt/mail_date.h"
#include "store/message_header.h"
#include "store/reply_log.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/fed_child.h"
#include "sys/hostname.h"
#include "sys/random.h"

namespace vmm::deliver {

namespace {

// Enough for any real header; a bigger one is not read to its end, and a
// List-Id beyond what was read could be missed: no reply then.
constexpr std::size_t kMaxHeaderBytes = 256 * 1024;

// A field value without RFC 5322 comments "(...)" and ";" parameters, trimmed, lowercased.
std::string keyword(std::string_view value) {
  std::string out;
  int depth = 0;
  for (char c : value) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0) {
      if (c == ';') break;
      out += c;
    }
  }
  std::size_t b = out.find_first_not_of(" \t"), e = out.find_last_not_of(" \t");
  return b == std::string::npos ? "" : fmt::ascii_lowered(out.substr(b, e - b + 1));
}

std::string message_id(const std::string& own_address, std::time_t now) {
  std::size_t at = own_address.rfind('@');
  std::string host = at == std::string::npos || at + 1 == own_address.size()
                         ? sys::hostname()
                         : own_address.substr(at + 1);
  char random[17];
  std::snprintf(random, sizeof random, "%016llx",
                static_cast<unsigned long long>(sys::random_u64()));
  return "<" + std::to_string(now) + "." + random + ".autoresponse@" + host + ">";
}

void send_reply(const domain::Config& config, const std::string& to, const std::string& text) {
  ForwardRoute route = forward_route(config, "", {to});
  const std::string& prog = route.argv.front();
  sys::FedChild child(route.argv, route.qmail_queue);
  try {
    sys::write_all(child.input(), text, "the autoresponse to " + prog);
    child.close_input();
    if (route.qmail_queue)
      sys::write_all(child.fd1(), qmail_envelope("", {to}), "the envelope to " + prog);
  } catch (const Error& e) {
    check_forward_status(route, child.wait());  // its status says more than EPIPE
    throw;
  }
  check_forward_status(route, child.wait());
}

AutoreplyResult skipped(const std::string& sender, const std::string& why) {
  return {AutoreplyResult::Outcome::skipped,
          "no autoresponse to " + (sender.empty() ? std::string("<>") : sender) + ": " + why};
}

}  // namespace

std::string sender_problem(std::string_view sender, std::string_view own_address) {
  if (sender.empty() || sender == "#@[]") return "the sender is empty (a bounce)";
  for (unsigned char c : sender)
    if (c < 0x20 || c == 0x7f) return "the sender holds a control byte";
  std::size_t at = sender.rfind('@');
  if (at == std::string_view::npos || at == 0) return "the sender is not a mail address";
  std::string local = fmt::ascii_lowered(sender.substr(0, at));
  if (local == "mailer-daemon") return "the sender is a mailer daemon";
  if (local == "postmaster") return "the sender is a postmaster";
  if (local.ends_with("-request") || local.starts_with("owner-"))
    return "the sender is a mailing list's address";
  if (fmt::ascii_lowered(sender) == fmt::ascii_lowered(own_address)) return "the sender is this account itself";
  return "";
}

std::string header_problem(const std::vector<fmt::HeaderField>& header) {
  for (const fmt::HeaderField& f : header) {
    if (fmt::same_name(f.name, "Auto-Submitted") && keyword(f.value) != "no")
      return "the message is automatic (Auto-Submitted: " + f.value + ")";
    if (fmt::same_name(f.name, "Precedence")) {
      std::string p = keyword(f.value);
      if (p == "bulk" || p == "list" || p == "junk")
        return "the message is bulk mail (Precedence: " + f.value + ")";
    }
    if ((f.name.size() > 5 && fmt::same_name(f.name.substr(0, 5), "List-")) ||
        fmt::same_name(f.name, "Mailing-List"))
      return "the message comes from a mailing list (" + f.name + ")";
  }
  return "";
}

AutoreplyResult autoreply(const domain::Config& config, const AutoreplyRequest& request) {
  if (request.account_dir.empty()) return {};
  domain::Autoresponse files(config, request.account_dir);
  if (files.status() != domain::AutoresponseStatus::enabled) return {};
  const std::string& sender = request.sender;
  if (std::string why = sender_problem(sender, request.own_address); !why.empty())
    return skipped(sender, why);

  store::StoredHeader stored =
      store::read_stored_header(request.message_fd, request.offset, kMaxHeaderBytes, "the stored message");
  if (!stored.complete) return skipped(sender, "the message's header is too large to check");
  fmt::ParsedHeader header = fmt::parse_header(stored.text);
  if (std::string why = header_problem(header.fields); !why.empty()) return skipped(sender, why);

  std::optional<std::string> text = files.read();
  if (!text) return {};  // disabled or removed meanwhile

  store::ReplyLog log(files.paths().dir);
  const fmt::Limit setting = config.number("autoresponse-interval");
  std::optional<std::int64_t> interval;
  if (setting) interval = static_cast<std::int64_t>(std::min<std::uint64_t>(*setting, INT64_MAX));
  if (!log.claim(sender, request.now, interval))
    return skipped(sender, "answered within autoresponse-interval");
  try {
    fmt::AutoreplyParts parts{request.own_address, sender, fmt::mail_date_local(request.now),
                              message_id(request.own_address, request.now), header.fields};
    send_reply(config, sender, fmt::autoreply_message(*text, parts));
  } catch (...) {
    try {
      log.release(sender, request.now);
    } catch (const Error&) {
      // The sender then waits one interval for the next try; the error
      // that matters is the one being reported.
    }
    throw;
  }
  return {AutoreplyResult::Outcome::sent, "autoresponse sent to " + sender};
}

}  // namespace vmm::deliver
