#include "store/record_edit.h"

#include <cstdint>

#include "fmt/netstring.h"
#include "sys/error.h"

namespace vmm::store {
namespace {

constexpr std::string_view kVersion = "vmailmgr-edits-1";

[[noreturn]] void malformed(const std::string& why) {
  throw Error(ErrorClass::permanent, "malformed queued change: " + why);
}

std::string limit_text(const fmt::Limit& v) { return v ? std::to_string(*v) : "-"; }

fmt::Limit limit_value(std::string_view s) {
  if (s == "-") return std::nullopt;
  if (s.empty() || s.size() > 20) malformed("bad number");
  std::uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') malformed("bad number");
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (n > (UINT64_MAX - d) / 10) malformed("number too large");
    n = n * 10 + d;
  }
  return n;
}

// Netstrings one after the other out of a complete buffer.
class Fields {
 public:
  explicit Fields(std::string_view bytes) : reader_(bytes.size()) { reader_.feed(bytes); }
  bool next(std::string& out) {
    switch (reader_.next(out)) {
      case fmt::NetstringStatus::complete: return true;
      case fmt::NetstringStatus::need_more:
        if (reader_.pending() == 0) return false;
        malformed("cut short");
      default: malformed("not netstrings");
    }
  }

 private:
  fmt::NetstringReader reader_;
};

std::string encode_edit(const RecordEdit& e) {
  std::string out;
  auto field = [&](char tag, const std::string& value) {
    out += fmt::netstring(std::string(1, tag) + value);
  };
  if (e.msg_count) field('c', limit_text(*e.msg_count));
  if (e.expiry) field('e', limit_text(*e.expiry));
  if (e.hard_quota) field('Q', limit_text(*e.hard_quota));
  if (e.soft_quota) field('q', limit_text(*e.soft_quota));
  if (e.msg_size) field('z', limit_text(*e.msg_size));
  if (e.mailbox_enabled) field('E', *e.mailbox_enabled ? "1" : "0");
  if (e.personal) field('p', *e.personal);
  if (e.password) field('P', *e.password);
  return out;
}

RecordEdit decode_edit(std::string_view bytes) {
  RecordEdit e;
  Fields fields(bytes);
  std::string f;
  while (fields.next(f)) {
    if (f.empty()) malformed("empty field");
    const std::string_view v = std::string_view(f).substr(1);
    switch (f[0]) {
      case 'c': e.msg_count = limit_value(v); break;
      case 'e': e.expiry = limit_value(v); break;
      case 'Q': e.hard_quota = limit_value(v); break;
      case 'q': e.soft_quota = limit_value(v); break;
      case 'z': e.msg_size = limit_value(v); break;
      case 'E':
        if (v != "0" && v != "1") malformed("bad flag");
        e.mailbox_enabled = v == "1";
        break;
      case 'p': e.personal = std::string(v); break;
      case 'P': e.password = std::string(v); break;
      default: malformed(std::string("unknown field '") + f[0] + "'");
    }
  }
  return e;
}

}  // namespace

void RecordEdit::apply(fmt::Record& r) const {
  if (msg_count) r.msg_count = *msg_count;
  if (expiry) r.expiry = *expiry;
  if (hard_quota) r.hard_quota = *hard_quota;
  if (soft_quota) r.soft_quota = *soft_quota;
  if (msg_size) r.msg_size = *msg_size;
  if (mailbox_enabled) r.mailbox_enabled = *mailbox_enabled;
  if (personal) r.personal = *personal;
  if (password) r.password = *password;
}

std::string encode_edits(const Edits& edits) {
  std::string out = fmt::netstring(kVersion);
  for (const auto& [name, edit] : edits) {
    out += fmt::netstring(name);
    out += fmt::netstring(encode_edit(edit));
  }
  return out;
}

Edits decode_edits(std::string_view bytes) {
  Fields fields(bytes);
  std::string item;
  if (!fields.next(item) || item != kVersion) malformed("unknown version");
  Edits edits;
  while (fields.next(item)) {
    std::string name = std::move(item);
    if (name.empty()) malformed("empty account name");
    if (!fields.next(item)) malformed("an account without fields");
    edits.emplace_back(std::move(name), decode_edit(item));
  }
  if (edits.empty()) malformed("no edit");
  return edits;
}

}  // namespace vmm::store
