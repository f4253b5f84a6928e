// File descriptors and whole-file I/O. The only layer that touches raw syscalls.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::sys {

// Owns one file descriptor; closes it on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void close();  // throws on a failed close (it can report a lost write)

 private:
  int fd_ = -1;
};

// open(2) with O_CLOEXEC added; throws errno_error("open PATH") on failure.
Fd open_file(const std::string& path, int flags, int mode = 0);

// Reads at most max_bytes from fd until EOF; throws temporary/permanent by errno,
// and permanent "PATH is larger than N bytes" when the bound is hit before EOF.
std::string read_bounded(int fd, std::size_t max_bytes, const std::string& what);
// Whole file, bounded. Missing file throws like open_file.
std::string read_file(const std::string& path, std::size_t max_bytes);
// Like read_file but a missing file (ENOENT) returns false and leaves out empty.
bool read_file_if_exists(const std::string& path, std::size_t max_bytes, std::string& out);

// Writes everything, retrying on EINTR and short writes; throws on failure.
void write_all(int fd, std::string_view data, const std::string& what);

void fsync_fd(int fd, const std::string& what);
// fsync on the directory itself, so a rename or link in it is durable.
void fsync_dir(const std::string& dir);
// syncfs(2) of the file system holding fd: everything written there so far
// is durable, for the price of one call (a batch of new directories).
void sync_file_system(int fd, const std::string& what);

// Read-only view of a whole file (mmap). Empty files map to an empty view.
class MappedFile {
 public:
  MappedFile() = default;
  explicit MappedFile(const std::string& path);  // throws errno_error("open PATH")
  // The first size bytes of an open file (size from the caller's fstat);
  // throws errno_error("map WHAT").
  MappedFile(const Fd& fd, std::size_t size, const std::string& what);
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  std::string_view bytes() const { return {static_cast<const char*>(addr_), size_}; }

 private:
  void* addr_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace vmm::sys
