// qmail's control/virtualdomains and control/locals (SPEC §5 step 2): which
// domains are virtual (and owned by which base user) and which are local.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/cdb_write.h"
#include "store/text_index.h"

namespace vmm::domain {

// ASCII-only case folding, the one used for domains and logins: bytes >= 0x80
// are left alone so the result never depends on the locale.
std::string lowercase(std::string_view s);

// Lines "domain:base" or ".suffix:base". Keys are lowercased; the base user
// is kept as written (Unix user names are case-sensitive).
// Either the parsed text or its index (store/text_index, records made by
// write_index): the same answers, the index without reading the text.
class VirtualDomains {
 public:
  // Skips blank lines, '#' comments, lines without ':' or with an empty key or
  // value, and qmail's per-address keys ("user@domain"), which name no domain.
  // A later line overrides an earlier one. Never throws.
  static VirtualDomains parse(std::string_view text);
  // Looks up the records write_index added to index.
  static VirtualDomains indexed(std::shared_ptr<const store::IndexFile> index);

  // The base user for domain: the whole (lowercased) domain first, then every
  // suffix starting at a '.', from the left ("a.b.c", ".b.c", ".c").
  // An index found corrupt throws Error(temporary, ...).
  std::optional<std::string> find(std::string_view domain) const;

  // One record per key: "v" + key -> base user.
  void write_index(fmt::CdbWriter& out) const;

  std::size_t size() const { return bases_.size(); }  // parsed text only (0 when indexed)
  bool indexed() const { return index_ != nullptr; }

  // Every key (a domain, or a ".suffix") with its base user, keys in byte
  // order. Parsed text only: empty when indexed (read_control without an
  // index directory gives the text).
  const std::map<std::string, std::string, std::less<>>& entries() const { return bases_; }
  // Every key (domain or ".suffix") whose base user is base, in key order
  // (parsed text only, as entries()).
  std::vector<std::string> domains_of(std::string_view base) const;
  // Every distinct base user named, in name order (parsed text only).
  std::vector<std::string> bases() const;

 private:
  std::optional<std::string> entry(const std::string& key) const;

  std::map<std::string, std::string, std::less<>> bases_;  // key -> base user
  std::shared_ptr<const store::IndexFile> index_;
};

// One domain per line; lowercased, trimmed, blanks and '#' comments skipped.
// Parsed text or its index, as VirtualDomains.
class Locals {
 public:
  static Locals parse(std::string_view text);
  static Locals indexed(std::shared_ptr<const store::IndexFile> index);
  bool contains(std::string_view domain) const;  // exact match, case-insensitive
  // One record per domain: "l" + domain -> "".
  void write_index(fmt::CdbWriter& out) const;
  std::size_t size() const { return domains_.size(); }  // parsed text only (0 when indexed)
  bool indexed() const { return index_ != nullptr; }

 private:
  std::set<std::string, std::less<>> domains_;
  std::shared_ptr<const store::IndexFile> index_;
};

}  // namespace vmm::domain
