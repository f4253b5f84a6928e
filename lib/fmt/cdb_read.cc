#include "fmt/cdb_read.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "fmt/cdb_hash.h"
#include "sys/error.h"

namespace vmm::fmt {

namespace {

constexpr std::uint64_t kHeaderSize = 2048;  // 256 (position, slot count) pairs

// Callers have checked that at + 4 <= bytes.size().
std::uint32_t u32_at(std::string_view bytes, std::uint64_t at) {
  auto b = [&](std::uint64_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i]));
  };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

[[noreturn]] void corrupt(const std::string& name, const std::string& detail) {
  // Temporary: a broken table is for the administrator to fix; mail waits meanwhile.
  throw Error(ErrorClass::temporary, name + " is corrupt: " + detail);
}

struct Table {
  std::uint32_t pos, nslots;
};

Table table_at(std::string_view bytes, unsigned index) {
  return {u32_at(bytes, index * 8ull), u32_at(bytes, index * 8ull + 4)};
}

// Records lie between the header and the first hash table (tinycdb and
// cdbmake both write the tables right after the records).
std::uint64_t records_end(std::string_view bytes) {
  std::uint64_t end = bytes.size();
  for (unsigned i = 0; i < 256; ++i) end = std::min<std::uint64_t>(end, table_at(bytes, i).pos);
  return end;
}

// One record, bounds-checked against the record region.
struct Record {
  std::string_view key, data;
  std::uint64_t next;  // position right after it
};

Record record_at(std::string_view bytes, std::uint64_t pos, std::uint64_t end,
                 const std::string& name) {
  auto bad = [&](const char* what) {
    corrupt(name, "record at position " + std::to_string(pos) + what);
  };
  if (pos < kHeaderSize) bad(" lies inside the header");
  if (pos + 8 > end) bad(" runs into the hash tables");
  std::uint64_t klen = u32_at(bytes, pos), dlen = u32_at(bytes, pos + 4);
  if (pos + 8 + klen + dlen > end) bad(" runs into the hash tables");
  return {bytes.substr(pos + 8, klen), bytes.substr(pos + 8 + klen, dlen), pos + 8 + klen + dlen};
}

// Walks the hash chain of key, calling f with each matching record's data
// until f returns false. At most nslots probes, so a corrupt full table ends.
template <typename F>
void probe(std::string_view bytes, const std::string& name, std::string_view key, F f) {
  if (bytes.empty()) return;
  std::uint32_t h = cdb_hash(key);
  Table t = table_at(bytes, h & 255);
  if (t.nslots == 0) return;
  std::uint64_t end = records_end(bytes);
  std::uint32_t slot = (h >> 8) % t.nslots;
  for (std::uint32_t i = 0; i < t.nslots; ++i) {
    std::uint64_t at = t.pos + 8ull * slot;
    std::uint32_t slot_hash = u32_at(bytes, at), rpos = u32_at(bytes, at + 4);
    if (rpos == 0) return;  // an empty slot ends the chain
    if (slot_hash == h) {
      Record r = record_at(bytes, rpos, end, name);
      if (r.key == key && !f(r.data)) return;
    }
    if (++slot == t.nslots) slot = 0;
  }
}

}  // namespace

CdbReader::CdbReader(std::string_view bytes, std::string name)
    : bytes_(bytes), name_(std::move(name)) {
  if (bytes_.empty()) return;
  if (bytes_.size() < kHeaderSize)
    corrupt(name_, std::to_string(bytes_.size()) + " bytes, shorter than the 2048-byte header");
  // Every table must lie after the header and inside the file, so lookups
  // can read slots without further checks.
  for (unsigned i = 0; i < 256; ++i) {
    Table t = table_at(bytes_, i);
    std::string which = "hash table " + std::to_string(i);
    if (t.pos < kHeaderSize) corrupt(name_, which + " lies inside the header");
    if (t.pos + 8ull * t.nslots > bytes_.size())
      corrupt(name_, which + " runs past the end of the file");
  }
}

std::optional<std::string_view> CdbReader::find(std::string_view key) const {
  std::optional<std::string_view> found;
  probe(bytes_, name_, key, [&](std::string_view data) {
    found = data;
    return false;
  });
  return found;
}

std::vector<std::string_view> CdbReader::find_all(std::string_view key) const {
  std::vector<std::string_view> all;
  probe(bytes_, name_, key, [&](std::string_view data) {
    all.push_back(data);
    return true;
  });
  return all;
}

void CdbReader::for_each(
    const std::function<bool(std::string_view key, std::string_view data)>& f) const {
  if (bytes_.empty()) return;
  std::uint64_t end = records_end(bytes_);
  for (std::uint64_t pos = kHeaderSize; pos < end;) {
    Record r = record_at(bytes_, pos, end, name_);
    if (!f(r.key, r.data)) return;
    pos = r.next;
  }
}

}  // namespace vmm::fmt
