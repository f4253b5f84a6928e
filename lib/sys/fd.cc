#include "sys/fd.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "sys/error.h"

namespace vmm::sys {

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

int Fd::release() { return std::exchange(fd_, -1); }

void Fd::close() {
  int fd = release();
  if (fd >= 0 && ::close(fd) != 0 && errno != EINTR) throw_errno("close file");
}

Fd open_file(const std::string& path, int flags, int mode) {
  int fd;
  do fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) throw_errno("open " + path);
  return Fd(fd);
}

std::string read_bounded(int fd, std::size_t max_bytes, const std::string& what) {
  std::string out;
  char buf[65536];
  for (;;) {
    std::size_t want = sizeof buf;
    if (out.size() + want > max_bytes + 1) want = max_bytes + 1 - out.size();
    if (want == 0) break;
    ssize_t n = ::read(fd, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("read " + what);
    }
    if (n == 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
  throw Error(ErrorClass::permanent,
              what + " is larger than " + std::to_string(max_bytes) + " bytes");
}

std::string read_file(const std::string& path, std::size_t max_bytes) {
  Fd fd = open_file(path, O_RDONLY);
  return read_bounded(fd.get(), max_bytes, path);
}

bool read_file_if_exists(const std::string& path, std::size_t max_bytes, std::string& out) {
  out.clear();
  int fd;
  do fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    throw_errno("open " + path);
  }
  Fd owner(fd);
  out = read_bounded(fd, max_bytes, path);
  return true;
}

void write_all(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("write " + what);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void fsync_fd(int fd, const std::string& what) {
  if (::fsync(fd) != 0) throw_errno("fsync " + what);
}

void fsync_dir(const std::string& dir) {
  Fd fd = open_file(dir, O_RDONLY | O_DIRECTORY);
  fsync_fd(fd.get(), dir);
}

void sync_file_system(int fd, const std::string& what) {
  if (::syncfs(fd) != 0) throw_errno("sync the file system of " + what);
}

MappedFile::MappedFile(const std::string& path) {
  Fd fd = open_file(path, O_RDONLY);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) throw_errno("stat " + path);
  if (!S_ISREG(st.st_mode))
    throw Error(ErrorClass::permanent, path + " is not a regular file");
  *this = MappedFile(fd, static_cast<std::size_t>(st.st_size), path);
}

MappedFile::MappedFile(const Fd& fd, std::size_t size, const std::string& what) {
  if (size == 0) return;
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd.get(), 0);
  if (p == MAP_FAILED) throw_errno("map " + what);
  addr_ = p;
  size_ = size;
}

MappedFile::MappedFile(MappedFile&& o) noexcept
    : addr_(std::exchange(o.addr_, nullptr)), size_(std::exchange(o.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    if (addr_) ::munmap(addr_, size_);
    addr_ = std::exchange(o.addr_, nullptr);
    size_ = std::exchange(o.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (addr_) ::munmap(addr_, size_);
}

}  // namespace vmm::sys
