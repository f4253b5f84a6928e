// The account record codec (SPEC §3.2). Version 2 is written byte for byte as
// VMailMgr 0.97 writes it; versions 2, 1 and the legacy text form are read.
// Decoding never trusts the input: every read is bounded by the view, and a
// malformed record is a permanent error whose message leaves out the account
// name (the caller knows it and adds it).
#include "fmt/record.h"

#include <charconv>
#include <initializer_list>

#include "sys/error.h"

namespace vmm::fmt {
namespace {

constexpr char kVersion1 = '\x01';
constexpr char kVersion2 = '\x02';
constexpr char kLegacy = ':';
constexpr unsigned kFlagHasMailbox = 10;
constexpr unsigned kFlagEnabled = 8;

Error malformed(const std::string& what) { return Error(ErrorClass::permanent, what); }

std::string hex_byte(unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  return {kHex[c >> 4], kHex[c & 15]};
}

// Field bytes as shown in a message: printable ASCII as is, anything else as
// \xHH, cut short so a hostile record cannot flood a log.
std::string shown(std::string_view bytes) {
  constexpr std::size_t kMax = 40;
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x" + hex_byte(c);
    }
  }
  if (bytes.size() > kMax) out += "...";
  return out;
}

// Reads a record front to back; nothing past the end of the view is touched.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : rest_(bytes) {}

  std::size_t left() const { return rest_.size(); }

  unsigned byte(const char* field) {
    if (rest_.empty()) throw malformed(std::string("record is truncated in field ") + field);
    auto c = static_cast<unsigned char>(rest_.front());
    rest_.remove_prefix(1);
    return c;
  }

  // The bytes up to the next NUL; the NUL is consumed.
  std::string_view field(const char* field) {
    auto nul = rest_.find('\0');
    if (nul == std::string_view::npos)
      throw malformed(std::string("record is truncated in field ") + field);
    auto value = rest_.substr(0, nul);
    rest_.remove_prefix(nul + 1);
    return value;
  }

  Limit limit(const char* name) {
    auto text = field(name);
    if (text == "-") return std::nullopt;
    std::uint64_t n = 0;
    // from_chars alone would accept a prefix; require all digits, none other.
    bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (!digits || ec != std::errc() || end != text.data() + text.size())
      throw malformed("bad number '" + shown(text) + "' in field " + name);
    return n;
  }

 private:
  std::string_view rest_;
};

struct Flags {
  std::optional<bool> has_mailbox, enabled;
};

// Pairs (number, value) until the number 0; known numbers in any order, once each.
Flags read_flags(Cursor& in) {
  Flags flags;
  for (;;) {
    unsigned number = in.byte("flags");
    if (number == 0) return flags;
    unsigned value = in.byte("flags");
    std::optional<bool>* slot = nullptr;
    if (number == kFlagHasMailbox) slot = &flags.has_mailbox;
    if (number == kFlagEnabled) slot = &flags.enabled;
    if (!slot) throw malformed("unknown flag " + std::to_string(number) + " in record");
    if (value > 1)
      throw malformed("bad value " + std::to_string(value) + " for flag " +
                      std::to_string(number) + " in record");
    if (slot->has_value())
      throw malformed("flag " + std::to_string(number) + " repeated in record");
    *slot = value == 1;
  }
}

// The fields shared by versions 1 and 2, after the version byte and flags.
Record read_fields(Cursor& in) {
  Record r;
  r.password = in.field("password");
  if (r.password.empty()) throw malformed("record has an empty password");
  r.directory = in.field("directory");
  for (;;) {
    auto forward = in.field("forwards");
    if (forward.empty()) break;  // the empty string ends the list
    r.forwards.emplace_back(forward);
  }
  r.personal = in.field("personal");
  r.hard_quota = in.limit("hard-quota");
  r.soft_quota = in.limit("soft-quota");
  r.msg_size = in.limit("message-size-limit");
  r.msg_count = in.limit("message-count-limit");
  r.ctime = in.limit("creation-time");
  r.expiry = in.limit("expiry-time");
  if (auto n = in.left()) {
    throw malformed("record has " + std::to_string(n) +
                    (n == 1 ? " trailing byte" : " trailing bytes"));
  }
  return r;
}

std::string_view without_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

// ":hash:dest", shared by a legacy record value and a legacy passwd line.
// Defaults match what VMailMgr's vupgrade stored: ctime 0, nothing limited.
Record decode_legacy(std::string_view text) {
  auto colon = text.find(':', 1);
  if (colon == std::string_view::npos)
    throw malformed("legacy entry has no ':' between password and destination");
  Record r;
  r.password = text.substr(1, colon - 1);
  if (r.password.empty()) throw malformed("record has an empty password");
  auto dest = text.substr(colon + 1);  // the rest, ':' included
  r.ctime = 0;
  if (!dest.empty() && (dest.front() == '.' || dest.front() == '/')) {
    r.directory = dest;
    r.has_mailbox = true;
    return r;
  }
  if (!dest.empty() && dest.front() == '&') dest.remove_prefix(1);
  while (!dest.empty()) {
    auto comma = dest.find(',');
    auto item = dest.substr(0, comma);
    if (!item.empty()) r.forwards.emplace_back(item);
    dest = comma == std::string_view::npos ? std::string_view() : dest.substr(comma + 1);
  }
  return r;
}

void check_legacy_line(std::string_view line) {
  if (line.find('\0') != std::string_view::npos)
    throw malformed("legacy entry contains a NUL byte");
}

// A field holding NUL, or an empty forward, would end a list early on reading.
void check_encodable(const Record& r) {
  auto no_nul = [](std::string_view value, const char* field) {
    if (value.find('\0') != std::string_view::npos)
      throw malformed(std::string("cannot encode record: NUL byte in field ") + field);
  };
  if (r.password.empty()) throw malformed("cannot encode record: empty password");
  no_nul(r.password, "password");
  no_nul(r.directory, "directory");
  for (const auto& forward : r.forwards) {
    if (forward.empty()) throw malformed("cannot encode record: empty forward");
    no_nul(forward, "forwards");
  }
  no_nul(r.personal, "personal");
}

void put(std::string& out, std::string_view value) {
  out += value;
  out += '\0';
}

void put(std::string& out, const Limit& n) {
  if (!n) return put(out, "-");
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, *n).ptr;
  put(out, std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

}  // namespace

std::string encode_record(const Record& r) {
  check_encodable(r);
  std::string out;
  out += kVersion2;
  for (auto [number, value] : {std::pair{kFlagHasMailbox, r.has_mailbox},
                               std::pair{kFlagEnabled, r.mailbox_enabled}}) {
    out += static_cast<char>(number);
    out += static_cast<char>(value ? 1 : 0);
  }
  out += '\0';
  put(out, r.password);
  put(out, r.directory);
  for (const auto& forward : r.forwards) put(out, forward);
  put(out, "");
  put(out, r.personal);
  for (const Limit* n :
       {&r.hard_quota, &r.soft_quota, &r.msg_size, &r.msg_count, &r.ctime, &r.expiry})
    put(out, *n);
  return out;
}

Record decode_record(std::string_view bytes) {
  if (bytes.empty()) throw malformed("record is empty");
  if (bytes.front() == kLegacy) {
    bytes = without_line_end(bytes);
    check_legacy_line(bytes);
    return decode_legacy(bytes);
  }
  Cursor in(bytes.substr(1));
  if (bytes.front() == kVersion1) {
    Record r = read_fields(in);
    r.has_mailbox = !r.directory.empty();
    r.mailbox_enabled = true;
    return r;
  }
  if (bytes.front() == kVersion2) {
    Flags flags = read_flags(in);
    Record r = read_fields(in);
    // A flag left out means what version 1 would have meant.
    r.has_mailbox = flags.has_mailbox.value_or(!r.directory.empty());
    r.mailbox_enabled = flags.enabled.value_or(true);
    return r;
  }
  throw malformed("unknown record version byte 0x" +
                  hex_byte(static_cast<unsigned char>(bytes.front())));
}

std::pair<std::string, Record> decode_legacy_line(std::string_view line) {
  line = without_line_end(line);
  check_legacy_line(line);
  auto colon = line.find(':');
  if (colon == std::string_view::npos) throw malformed("legacy entry has no ':' after the name");
  if (colon == 0) throw malformed("legacy entry has an empty name");
  return {std::string(line.substr(0, colon)), decode_legacy(line.substr(colon))};
}

}  // namespace vmm::fmt
