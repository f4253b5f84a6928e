// A CdbSink that streams a table into an open file: appends go through a
// buffer, the header is placed at offset 0 with pwrite at the end.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "fmt/cdb_write.h"

namespace vmm::store {

class FdSink : public fmt::CdbSink {
 public:
  // fd must be open for writing at offset 0 and outlive the sink; what names
  // the file in error messages ("write PATH").
  FdSink(int fd, std::string what, std::size_t buffer_size = 64 * 1024);
  void append(std::string_view bytes) override;
  // Flushes the buffer first, so the placeholder cannot land over the header.
  void write_header(std::string_view header) override;
  void flush();  // writes out the buffer; call before fsync

 private:
  int fd_;
  std::string what_;
  std::size_t capacity_;
  std::string buffer_;
};

}  // namespace vmm::store
