#include "domain/account_name.h"

#include <cstdio>

#include "sys/error.h"

namespace vmm::domain {

namespace {

constexpr std::size_t kMaxNameBytes = 64;

// Why raw is not a valid name, or nullptr.
const char* name_problem(std::string_view raw) {
  if (raw.empty()) return "it is empty";
  if (raw.size() > kMaxNameBytes) return "it is longer than 64 bytes";
  for (char c : raw) {
    switch (c) {
      case '/': return "it contains '/'";
      case ':': return "it contains ':'";
      case '\n': return "it contains a newline";
      case '\r': return "it contains a carriage return";
      case '\t': return "it contains a tab";
      case ' ': return "it contains a space";
      case '\0': return "it contains a NUL byte";
      default:
        // Any other control byte (ESC, DEL...) would reach terminals raw in
        // listings, and no login could ever name the account.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "it contains a control character";
        break;
    }
  }
  // '.' and '..' name directories; a leading '.' would hide the account's
  // directory and collide with dot files such as .qmail-default.
  if (raw == "." || raw == "..") return "it is reserved";
  if (raw.front() == '.') return "it starts with '.'";
  return nullptr;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// s with control bytes and '\\' as C escapes (\n, \x01...), so a message shows
// exactly what was given. Bytes >= 0x80 are kept: names may be UTF-8.
std::string escaped(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (is_control(c)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace

bool is_valid_account_name(std::string_view raw) { return name_problem(raw) == nullptr; }

std::string account_name(std::string_view raw) {
  if (const char* why = name_problem(raw))
    throw Error(ErrorClass::permanent, "invalid account name '" + escaped(raw) + "': " + why);
  return store::table_key(raw);
}

void check_forward(std::string_view dest, const store::TableSnapshot& table) {
  auto bad = [&](const std::string& why) {
    throw Error(ErrorClass::permanent, "invalid forward '" + escaped(dest) + "': " + why);
  };
  if (dest.empty()) bad("it is empty");
  for (unsigned char c : dest)
    if (c == ' ' || is_control(c)) bad("it contains whitespace or a control character");
  std::size_t at = dest.find('@');
  if (at == std::string_view::npos) {
    if (!table.contains(dest))
      bad("it is neither an address (local@domain) nor an account of this domain");
    return;
  }
  if (dest.find('@', at + 1) != std::string_view::npos) bad("it contains more than one '@'");
  if (at == 0) bad("the part before '@' is empty");
}

}  // namespace vmm::domain
