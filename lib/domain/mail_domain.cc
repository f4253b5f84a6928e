#include "domain/mail_domain.h"

#include "domain/virtualdomains.h"
#include "sys/error.h"

namespace vmm::domain {
namespace {

constexpr std::size_t kMaxUserName = 32;

[[noreturn]] void bad(const char* what, std::string_view raw, const std::string& why) {
  std::string shown;
  for (char c : raw) shown += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  throw Error(ErrorClass::permanent, std::string("invalid ") + what + " '" + shown + "': " + why);
}

bool label_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string mail_domain(std::string_view raw) {
  const std::string d = lowercase(raw);
  if (d.empty()) bad("domain", raw, "it is empty");
  if (d.size() > 253) bad("domain", raw, "it is longer than 253 bytes");
  if (d.front() == '.')
    bad("domain", raw, "a line for every sub-domain (.domain) is written by hand");
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = d.find('.', start);
    std::string_view label = std::string_view(d).substr(start, dot - start);
    if (label.empty()) bad("domain", raw, "it has an empty label");
    if (label.size() > 63) bad("domain", raw, "a label is longer than 63 bytes");
    for (char c : label)
      if (!label_byte(c)) bad("domain", raw, "it holds a byte that is not a-z 0-9 - _ .");
    if (label.front() == '-' || label.back() == '-')
      bad("domain", raw, "a label starts or ends with '-'");
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return d;
}

std::string default_base_user(std::string_view domain) {
  std::string name(domain);
  for (char& c : name)
    if (c == '.' || c == '-') c = '_';
  if (name.size() > kMaxUserName)
    throw Error(ErrorClass::permanent,
                "the base user name made from the domain, '" + name + "', is longer than " +
                    std::to_string(kMaxUserName) + " bytes: name BASEUSER");
  check_user_name(name);
  return name;
}

void check_user_name(std::string_view name) {
  if (name.empty()) bad("user name", name, "it is empty");
  if (name.size() > kMaxUserName)
    bad("user name", name, "it is longer than " + std::to_string(kMaxUserName) + " bytes");
  bool digits_only = true;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                    c == '-';
    if (!ok) bad("user name", name, "it holds a byte that is not a-z 0-9 _ . -");
    digits_only = digits_only && c >= '0' && c <= '9';
  }
  if (name.front() == '-' || name.front() == '.') bad("user name", name, "it starts with '-' or '.'");
  if (digits_only) bad("user name", name, "it is all digits");
}

}  // namespace vmm::domain
