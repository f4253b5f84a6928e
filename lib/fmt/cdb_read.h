// Reading a constant database held in memory (usually a sys::MappedFile).
// Every offset is checked against the size: a truncated or corrupt file gives
// Error(temporary, "<name> is corrupt: ...") and never a read past the end.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::fmt {

class CdbReader {
 public:
  // bytes must outlive the reader. name is used in error messages (a path).
  // An empty view is an empty database (no header needed).
  explicit CdbReader(std::string_view bytes, std::string name = "cdb");

  // Data of the first record with this key, in file order of its hash chain.
  std::optional<std::string_view> find(std::string_view key) const;
  // Data of every record with this key, in file order.
  std::vector<std::string_view> find_all(std::string_view key) const;
  // Every record, in file order. Stops early if f returns false.
  void for_each(const std::function<bool(std::string_view key, std::string_view data)>& f) const;

 private:
  std::string_view bytes_;
  std::string name_;
};

}  // namespace vmm::fmt
