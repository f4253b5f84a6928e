#include "fmt/cdb_write.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "fmt/cdb_hash.h"
#include "sys/error.h"

namespace vmm::fmt {

namespace {

constexpr std::uint64_t kHeaderSize = 2048;  // 256 (position, slot count) pairs
constexpr std::uint64_t kMaxOffset = 0xFFFFFFFF;  // positions are 32-bit
constexpr std::size_t kSmallRecord = 1024;  // up to this, one append per record
constexpr std::size_t kTableChunk = 65536;  // hash tables go out in chunks of this

void put_u32(char* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

void append_u32(std::string& out, std::uint32_t v) {
  char b[4];
  put_u32(b, v);
  out.append(b, 4);
}

[[noreturn]] void too_big() {
  throw Error(ErrorClass::permanent, "database would exceed 4 GiB");
}

}  // namespace

void StringSink::append(std::string_view b) { bytes.append(b); }

void StringSink::write_header(std::string_view header) { bytes.replace(0, header.size(), header); }

CdbWriter::CdbWriter(CdbSink& sink) : sink_(sink), pos_(kHeaderSize) {
  sink_.append(std::string(kHeaderSize, '\0'));
}

void CdbWriter::add(std::string_view key, std::string_view data) {
  if (finished_) throw Error(ErrorClass::usage, "cdb record added after finish");
  // Checked before anything is appended, so a refused record leaves no trace.
  if (key.size() > kMaxOffset || data.size() > kMaxOffset ||
      8 + key.size() + data.size() > kMaxOffset - pos_)
    too_big();
  std::size_t size = 8 + key.size() + data.size();
  char head[8];
  put_u32(head, static_cast<std::uint32_t>(key.size()));
  put_u32(head + 4, static_cast<std::uint32_t>(data.size()));
  slots_.push_back({cdb_hash(key), static_cast<std::uint32_t>(pos_)});
  if (size <= kSmallRecord) {
    // One append per record: the sink may be a file written without a buffer.
    char buf[kSmallRecord];
    std::memcpy(buf, head, 8);
    if (!key.empty()) std::memcpy(buf + 8, key.data(), key.size());
    if (!data.empty()) std::memcpy(buf + 8 + key.size(), data.data(), data.size());
    sink_.append({buf, size});
  } else {
    sink_.append({head, 8});
    sink_.append(key);
    sink_.append(data);
  }
  pos_ += size;
}

void CdbWriter::finish() {
  if (finished_) throw Error(ErrorClass::usage, "cdb database finished twice");
  // Each record takes two slots of 8 bytes in its table.
  if (16 * static_cast<std::uint64_t>(slots_.size()) > kMaxOffset - pos_) too_big();

  // Group the slots by table (low 8 bits of the hash), keeping the order of
  // addition inside each table: that order decides the probe order, hence
  // which duplicate comes first, and makes the bytes match tinycdb's.
  std::array<std::size_t, 257> start{};
  for (const Slot& s : slots_) ++start[(s.hash & 255) + 1];
  for (int t = 0; t < 256; ++t) start[t + 1] += start[t];
  std::vector<Slot> grouped(slots_.size());
  std::array<std::size_t, 256> next;
  std::copy(start.begin(), start.begin() + 256, next.begin());
  for (const Slot& s : slots_) grouped[next[s.hash & 255]++] = s;

  std::string header, out;
  std::vector<Slot> table;
  std::uint64_t pos = pos_;
  for (int t = 0; t < 256; ++t) {
    auto nslots = static_cast<std::uint32_t>(2 * (start[t + 1] - start[t]));
    // An empty table still records where it would start, as tinycdb does.
    append_u32(header, static_cast<std::uint32_t>(pos));
    append_u32(header, nslots);
    if (nslots == 0) continue;
    table.assign(nslots, Slot{0, 0});
    for (std::size_t i = start[t]; i < start[t + 1]; ++i) {
      std::uint32_t at = (grouped[i].hash >> 8) % nslots;
      while (table[at].pos != 0)  // records start at 2048 or later: 0 = free
        if (++at == nslots) at = 0;
      table[at] = grouped[i];
    }
    for (const Slot& s : table) {
      append_u32(out, s.hash);
      append_u32(out, s.pos);
      if (out.size() >= kTableChunk) {
        sink_.append(out);
        out.clear();
      }
    }
    pos += 8ull * nslots;
  }
  if (!out.empty()) sink_.append(out);
  sink_.write_header(header);
  pos_ = pos;
  finished_ = true;
}

}  // namespace vmm::fmt
