#include "store/table.h"

#include <utility>

namespace vmm::store {

namespace {

bool has_upper(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

}  // namespace

void TableChange::set(std::string name, std::optional<std::string> bytes) {
  name = table_key(name);
  auto it = index_.find(name);
  if (it != index_.end()) {
    entries_[it->second].bytes = std::move(bytes);  // the last change wins
    return;
  }
  index_.emplace(name, entries_.size());
  entries_.push_back({std::move(name), std::move(bytes)});
}

const std::optional<std::string>* TableChange::changed(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &entries_[it->second].bytes;
}

void TableChange::put(std::string name, const fmt::Record& record) {
  set(std::move(name), fmt::encode_record(record));
}

void TableChange::put_raw(std::string name, std::string bytes) {
  set(std::move(name), std::move(bytes));
}

void TableChange::remove(std::string name) { set(std::move(name), std::nullopt); }

void TableChange::apply(const TableSnapshot& current, fmt::CdbWriter& out) const {
  std::vector<bool> done(entries_.size(), false);
  std::string lowered;
  current.for_each([&](std::string_view key, std::string_view raw) {
    // Keys are normally stored lowercased already; only a table from another
    // tool needs the copy.
    std::string_view name = key;
    if (has_upper(key)) name = lowered = table_key(key);
    auto it = index_.find(name);
    if (it == index_.end()) {
      out.add(key, raw);  // unchanged: copied as stored
      return true;
    }
    if (!done[it->second]) {
      done[it->second] = true;
      const Entry& e = entries_[it->second];
      if (e.bytes) out.add(e.name, *e.bytes);
    }
    return true;
  });
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (!done[i] && entries_[i].bytes) out.add(entries_[i].name, *entries_[i].bytes);
}

}  // namespace vmm::store
