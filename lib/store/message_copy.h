// Moving message bytes in bounded chunks, so vdeliver's memory does not grow
// with the message (SPEC §7 step 4: stdin is read exactly once and need not
// be seekable; a pipe is fine).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "fmt/mail_header.h"

namespace vmm::store {

inline constexpr std::size_t kCopyChunk = 64 * 1024;

// Reads in_fd to its end, passes every chunk through filter and hands what
// comes out to write (in pieces of about kCopyChunk bytes). Read errors
// throw errno_error("read the message"). Returns the bytes read.
std::uint64_t copy_message(int in_fd, fmt::HeaderFilter& filter,
                           const std::function<void(std::string_view)>& write);

// Writes everything of from_fd from offset to its end into to_fd (pread, so
// the offset of from_fd is left alone). from and to name them in errors.
void copy_from_offset(int from_fd, std::uint64_t offset, int to_fd, const std::string& from,
                      const std::string& to);

}  // namespace vmm::store
