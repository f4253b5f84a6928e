#include "store/reply_log.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "fmt/ascii.h"
#include "store/table_lock.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"

namespace vmm::store {

namespace {

// Lines are "TIME ADDRESS"; an address is at most a few hundred bytes.
constexpr std::size_t kMaxFileBytes = reply_log_max_entries * 1100;

struct Entry {
  std::int64_t at;
  std::string address;
};

std::string key_of(std::string_view address) {
  if (address.empty()) throw Error(ErrorClass::permanent, "an empty address has no reply record");
  std::string key;
  for (unsigned char c : address) {
    if (c < 0x20 || c == 0x7f)
      throw Error(ErrorClass::permanent, "an address with a control byte has no reply record");
    key += fmt::ascii_lower(static_cast<char>(c));
  }
  return key;
}

std::vector<Entry> read_entries(const std::string& path) {
  std::string text;
  try {
    if (!sys::read_file_if_exists(path, kMaxFileBytes, text)) return {};
  } catch (const Error& e) {
    // Grown past any size this code writes: start afresh rather than never
    // answering again (at worst a sender gets one more reply).
    if (e.cls() == ErrorClass::permanent && e.err() == 0) return {};
    throw;
  }
  std::vector<Entry> entries;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) break;  // a torn last line: not one of ours
    std::string_view line(text.data() + at, end - at);
    at = end + 1;
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space + 1 == line.size()) continue;
    Entry e{};
    auto [p, ec] = std::from_chars(line.data(), line.data() + space, e.at);
    if (ec != std::errc() || p != line.data() + space) continue;
    e.address = std::string(line.substr(space + 1));
    entries.push_back(std::move(e));
  }
  return entries;
}

void write_entries(const std::string& path, const std::vector<Entry>& entries) {
  std::string text;
  for (const Entry& e : entries) text += std::to_string(e.at) + " " + e.address + "\n";
  sys::FileReplacement out(path, sys::temp_beside(path), 0600);
  sys::write_all(out.fd(), text, out.temp());
  out.commit(sys::FileReplacement::Sync::file);
}

}  // namespace

ReplyLog::ReplyLog(std::string dir, std::chrono::milliseconds lock_wait)
    : dir_(std::move(dir)),
      path_(dir_ + "/replies"),
      lock_path_(dir_ + "/replies.lock"),
      lock_wait_(lock_wait) {}

bool ReplyLog::claim(std::string_view address, std::time_t now,
                     std::optional<std::int64_t> interval) const {
  const std::string key = key_of(address);
  TableLock lock(lock_path_, lock_wait_);
  std::vector<Entry> entries = read_entries(path_);
  // Expired entries go; one from the future (the clock was set back) counts
  // as recent until the clock catches up.
  auto expired = [&](const Entry& e) { return interval && now - e.at >= *interval; };
  std::erase_if(entries, expired);
  for (const Entry& e : entries)
    if (e.address == key && !expired(e)) return false;
  entries.push_back({static_cast<std::int64_t>(now), key});
  if (entries.size() > reply_log_max_entries) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.at < b.at; });
    entries.erase(entries.begin(), entries.end() - reply_log_max_entries);
  }
  write_entries(path_, entries);
  return true;
}

void ReplyLog::release(std::string_view address, std::time_t at) const {
  const std::string key = key_of(address);
  TableLock lock(lock_path_, lock_wait_);
  std::vector<Entry> entries = read_entries(path_);
  std::size_t before = entries.size();
  std::erase_if(entries, [&](const Entry& e) { return e.address == key && e.at == at; });
  if (entries.size() != before) write_entries(path_, entries);
}

}  // namespace vmm::store
