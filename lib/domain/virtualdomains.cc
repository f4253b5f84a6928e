#include "domain/virtualdomains.h"

#include <utility>

#include "domain/config_value.h"

namespace vmm::domain {
namespace {

// Key prefixes of the two files' records in their shared index.
constexpr char kVirtualKey = 'v';
constexpr char kLocalKey = 'l';

}  // namespace

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Both files have the shape of a list setting: trimmed lines, '#' comments.
VirtualDomains VirtualDomains::parse(std::string_view text) {
  VirtualDomains vd;
  for (const std::string& line : parse_list(text)) {
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string_view key = trim_blanks(std::string_view(line).substr(0, colon));
    std::string_view base = trim_blanks(std::string_view(line).substr(colon + 1));
    if (key.empty() || base.empty() || key.find('@') != std::string_view::npos) continue;
    vd.bases_.insert_or_assign(lowercase(key), std::string(base));
  }
  return vd;
}

VirtualDomains VirtualDomains::indexed(std::shared_ptr<const store::IndexFile> index) {
  VirtualDomains vd;
  vd.index_ = std::move(index);
  return vd;
}

std::optional<std::string> VirtualDomains::entry(const std::string& key) const {
  if (index_) {
    std::optional<std::string_view> base = index_->find(kVirtualKey + key);
    if (base) return std::string(*base);
    return std::nullopt;
  }
  if (auto it = bases_.find(key); it != bases_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> VirtualDomains::find(std::string_view domain) const {
  const std::string name = lowercase(domain);
  std::string_view rest = name;
  for (;;) {
    if (std::optional<std::string> base = entry(std::string(rest))) return base;
    // Next candidate: the suffix starting at the next '.' after the first byte.
    std::size_t dot = rest.find('.', 1);
    if (dot == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(dot);
  }
}

std::vector<std::string> VirtualDomains::domains_of(std::string_view base) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : bases_)
    if (value == base) out.push_back(key);
  return out;
}

std::vector<std::string> VirtualDomains::bases() const {
  std::set<std::string> seen;
  for (const auto& entry : bases_) seen.insert(entry.second);
  return {seen.begin(), seen.end()};
}

void VirtualDomains::write_index(fmt::CdbWriter& out) const {
  for (const auto& [key, base] : bases_) out.add(kVirtualKey + key, base);
}

Locals Locals::parse(std::string_view text) {
  Locals locals;
  for (const std::string& line : parse_list(text)) locals.domains_.insert(lowercase(line));
  return locals;
}

Locals Locals::indexed(std::shared_ptr<const store::IndexFile> index) {
  Locals locals;
  locals.index_ = std::move(index);
  return locals;
}

bool Locals::contains(std::string_view domain) const {
  if (index_) return index_->find(kLocalKey + lowercase(domain)).has_value();
  return domains_.find(lowercase(domain)) != domains_.end();
}

void Locals::write_index(fmt::CdbWriter& out) const {
  for (const std::string& domain : domains_) out.add(kLocalKey + domain, "");
}

}  // namespace vmm::domain
