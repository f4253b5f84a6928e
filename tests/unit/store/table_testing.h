// Helpers shared by the table tests: a private temporary directory, records,
// and small file utilities.
#pragma once
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fmt/cdb_write.h"
#include "fmt/record.h"
#include "sys/fd.h"

namespace vmm::table_testing {

// mkdtemp under /tmp, removed with everything in it on destruction.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/vmm_table_XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

// A plain account record whose password tells records apart.
inline fmt::Record account(const std::string& password, const std::string& personal = "") {
  fmt::Record r;
  r.password = password;
  r.directory = "./users/" + password;
  r.has_mailbox = true;
  r.personal = personal;
  r.ctime = 1700000000;
  return r;
}

inline std::string file_bytes(const std::string& path) { return sys::read_file(path, 1 << 30); }

inline void write_bytes(const std::string& path, const std::string& bytes) {
  sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  sys::write_all(fd.get(), bytes, path);
  fd.close();
}

// A CDB file with exactly these (key, data) records, in this order.
inline void write_cdb(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& records) {
  fmt::StringSink sink;
  fmt::CdbWriter writer(sink);
  for (const auto& [key, data] : records) writer.add(key, data);
  writer.finish();
  write_bytes(path, sink.bytes);
}

// Sorted names of the entries in dir, without "." and "..".
inline std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

inline unsigned mode_of(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) throw std::runtime_error("lstat " + path);
  return st.st_mode & 07777;
}

}  // namespace vmm::table_testing
