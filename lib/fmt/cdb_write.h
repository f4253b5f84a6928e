// Writing a constant database, streaming: records go straight to the sink,
// only (hash, position) pairs are kept in memory.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::fmt {

// Where the bytes go. The 2048-byte header is known only at the end, so it is
// handed over separately, to be placed at offset 0.
class CdbSink {
 public:
  virtual ~CdbSink() = default;
  virtual void append(std::string_view bytes) = 0;
  virtual void write_header(std::string_view header) = 0;  // 2048 bytes, at offset 0
};

// Sink collecting everything in a string (tests, small tables).
class StringSink : public CdbSink {
 public:
  void append(std::string_view bytes) override;
  void write_header(std::string_view header) override;
  std::string bytes;
};

class CdbWriter {
 public:
  explicit CdbWriter(CdbSink& sink);  // appends 2048 placeholder bytes
  // Throws Error(permanent, "database would exceed 4 GiB") before any
  // position would overflow 32 bits; nothing is appended then.
  void add(std::string_view key, std::string_view data);
  void finish();  // writes the hash tables and the header; call once

 private:
  struct Slot { std::uint32_t hash, pos; };
  CdbSink& sink_;
  std::uint64_t pos_;
  std::vector<Slot> slots_;
  bool finished_ = false;
};

}  // namespace vmm::fmt
