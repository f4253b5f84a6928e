#include "store/table.h"

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "fmt/ascii.h"
#include "fmt/cdb_hash.h"
#include "sys/error.h"

namespace vmm::store {

namespace {

// A new domain has no table yet: a missing file reads as an empty table.
// An existing one holds at least the 2048-byte CDB header: an empty file is
// a table cut short (a full disk, a bad copy), never an empty domain, so mail
// is not bounced as "no such user" and no writer builds on it.
sys::MappedFile map_if_exists(const std::string& path) {
  sys::MappedFile file;
  try {
    file = sys::MappedFile(path);
  } catch (const Error& e) {
    if (e.err() == ENOENT) return sys::MappedFile();
    throw;
  }
  if (file.bytes().empty())
    throw Error(ErrorClass::temporary, path + " is corrupt: 0 bytes, shorter than the 2048-byte header");
  return file;
}

// The bitmap of for_each has 2^(64 - shift) bits: one per 4 bytes of file,
// from 2^12 to 2^28 (32 MiB). A record with its two slots takes at least 40
// bytes, so fewer than 10% of the records find their bit set by another key
// (a needless lookup) in tables up to 1 GiB.
int bitmap_shift(std::size_t file_size) {
  int bits = 12;
  while (bits < 28 && (std::size_t{1} << bits) < file_size / 4) ++bits;
  return 64 - bits;
}

}  // namespace

std::string table_key(std::string_view name) { return fmt::ascii_lowered(name); }

TableSnapshot::TableSnapshot(const std::string& path)
    : path_(path), file_(map_if_exists(path)), reader_(file_.bytes(), path) {}

std::optional<std::string_view> TableSnapshot::find_raw(std::string_view name) const {
  return reader_.find(table_key(name));
}

Lookup TableSnapshot::find(std::string_view name, fmt::Record& out, std::string* problem) const {
  std::string key = table_key(name);
  std::optional<std::string_view> raw = reader_.find(key);
  if (!raw) return Lookup::missing;
  try {
    out = fmt::decode_record(*raw);
  } catch (const Error& e) {
    if (problem) *problem = "account '" + key + "': " + e.what();
    return Lookup::bad_record;
  }
  return Lookup::found;
}

void TableSnapshot::for_each(
    const std::function<bool(std::string_view name, std::string_view raw)>& f) const {
  // A later record with the same key is hidden from every lookup (the hash
  // chain finds the first one), so it is skipped here too. A lookup per
  // record would double the cost of copying a big table; a bitmap of the key
  // hashes seen so far proves most records the first of their key without one.
  const int shift = bitmap_shift(file_.bytes().size());
  std::vector<std::uint64_t> seen(std::size_t{1} << (64 - shift - 6));
  reader_.for_each([&](std::string_view key, std::string_view data) {
    std::uint64_t bit = (fmt::cdb_hash(key) * 0x9E3779B97F4A7C15ull) >> shift;
    std::uint64_t& word = seen[bit >> 6];
    const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
    if (word & mask) {
      std::optional<std::string_view> first = reader_.find(key);
      if (first && first->data() != data.data()) return true;
    }
    word |= mask;
    return f(key, data);
  });
}

bool TableSnapshot::contains(std::string_view name) const { return find_raw(name).has_value(); }

std::size_t TableSnapshot::size() const {
  std::size_t n = 0;
  for_each([&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  return n;
}

}  // namespace vmm::store
