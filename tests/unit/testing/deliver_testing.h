// Helpers shared by vdeliver's unit tests (sys, fmt, store and action
// layers): a private temporary directory and small file utilities.
#pragma once
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sys/fd.h"

namespace vmm::deliver_testing {

// mkdtemp under /tmp, removed with everything in it on destruction.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/vmm_deliver_XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

inline void make_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0) throw std::runtime_error("mkdir " + path);
}

// maildir with cur, new and tmp.
inline void make_maildir(const std::string& path) {
  make_dir(path);
  for (const char* sub : {"/cur", "/new", "/tmp"}) make_dir(path + sub);
}

inline void put_file(const std::string& path, const std::string& bytes, mode_t mode = 0644) {
  sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  sys::write_all(fd.get(), bytes, path);
  if (::fchmod(fd.get(), mode) != 0) throw std::runtime_error("chmod " + path);
}

inline std::string file_bytes(const std::string& path) { return sys::read_file(path, 1 << 30); }

// Names in dir, sorted, without "." and "..".
inline std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (struct dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A pipe whose read end carries bytes (written by the caller before reading:
// keep them under the pipe buffer, 64 KiB).
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

}  // namespace vmm::deliver_testing
