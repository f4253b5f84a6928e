// The header of a stored message, read back for the autoresponder (SPEC
// §17): it decides from Precedence, List-*, Auto-Submitted... whether to
// answer, and threads its reply with Message-ID and References.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace vmm::store {

struct StoredHeader {
  std::string text;       // from offset up to and including the empty line ending the header
  bool complete = false;  // the empty line (or the end of the file) was found within max_bytes
};

// Reads fd (pread: its offset is left alone) from offset until the first
// empty line (LF LF or CR LF CR LF), the end of the file, or max_bytes.
// Errors: errno_error("read WHAT").
StoredHeader read_stored_header(int fd, std::uint64_t offset, std::size_t max_bytes,
                                const std::string& what);

}  // namespace vmm::store
