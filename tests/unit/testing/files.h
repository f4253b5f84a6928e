// Small file utilities for the unit tests: write and read whole files, look
// at modes and directory entries, make Maildirs and CDB tables.
#pragma once
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fmt/cdb_write.h"
#include "sys/fd.h"

namespace vmm::testing {

// path holding exactly bytes, with exactly mode (whatever the umask); the
// parent directories are made when missing.
inline void write_file(const std::string& path, const std::string& bytes, mode_t mode = 0644) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  sys::write_all(fd.get(), bytes, path);
  if (::fchmod(fd.get(), mode) != 0) throw std::runtime_error("chmod " + path);
  fd.close();
}

inline std::string file_bytes(const std::string& path) { return sys::read_file(path, 1 << 30); }

// Anything at path, a dangling symlink included (lstat).
inline bool exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

inline unsigned mode_of(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) throw std::runtime_error("lstat " + path);
  return st.st_mode & 07777;
}

// Sorted names of the entries in dir, without "." and ".."; none when dir
// cannot be read.
inline std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

inline void create_dir(const std::string& path, mode_t mode = 0700) {
  if (::mkdir(path.c_str(), mode) != 0) throw std::runtime_error("mkdir " + path);
}

// path with cur, new and tmp.
inline void make_maildir(const std::string& path) {
  create_dir(path);
  for (const char* sub : {"/cur", "/new", "/tmp"}) create_dir(path + sub);
}

// The bytes of a string literal that holds NULs (without the final one).
template <std::size_t N>
std::string raw(const char (&s)[N]) {
  return std::string(s, N - 1);
}

// A CDB file with exactly these (key, data) records, in this order, 0600.
inline void write_cdb(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& records) {
  fmt::StringSink sink;
  fmt::CdbWriter writer(sink);
  for (const auto& [key, data] : records) writer.add(key, data);
  writer.finish();
  write_file(path, sink.bytes, 0600);
}

// A pipe whose read end carries bytes and then end of file (keep them under
// the pipe buffer, 64 KiB).
struct InputPipe {
  sys::Fd read, write;
  explicit InputPipe(const std::string& bytes) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    read = sys::Fd(fds[0]);
    write = sys::Fd(fds[1]);
    sys::write_all(write.get(), bytes, "pipe");
    write.close();
  }
};

}  // namespace vmm::testing
