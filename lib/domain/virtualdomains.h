// qmail's control/virtualdomains and control/locals (SPEC §5 step 2): which
// domains are virtual (and owned by which base user) and which are local.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::domain {

// ASCII-only case folding, the one used for domains and logins: bytes >= 0x80
// are left alone so the result never depends on the locale.
std::string lowercase(std::string_view s);

// Lines "domain:base" or ".suffix:base". Keys are lowercased; the base user
// is kept as written (Unix user names are case-sensitive).
class VirtualDomains {
 public:
  // Skips blank lines, '#' comments, lines without ':' or with an empty key or
  // value, and qmail's per-address keys ("user@domain"), which name no domain.
  // A later line overrides an earlier one. Never throws.
  static VirtualDomains parse(std::string_view text);

  // The base user for domain: the whole (lowercased) domain first, then every
  // suffix starting at a '.', from the left ("a.b.c", ".b.c", ".c").
  std::optional<std::string> find(std::string_view domain) const;

  std::size_t size() const { return bases_.size(); }

  // Every key (a domain, or a ".suffix") with its base user, keys in byte order.
  const std::map<std::string, std::string, std::less<>>& entries() const { return bases_; }
  // Every key (domain or ".suffix") whose base user is base, in key order.
  std::vector<std::string> domains_of(std::string_view base) const;
  // Every distinct base user named, in name order.
  std::vector<std::string> bases() const;

 private:
  std::map<std::string, std::string, std::less<>> bases_;  // key -> base user
};

// One domain per line; lowercased, trimmed, blanks and '#' comments skipped.
class Locals {
 public:
  static Locals parse(std::string_view text);
  bool contains(std::string_view domain) const;  // exact match, case-insensitive
  std::size_t size() const { return domains_.size(); }

 private:
  std::set<std::string, std::less<>> domains_;
};

}  // namespace vmm::domain
