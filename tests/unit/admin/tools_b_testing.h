// Helpers for the tests of the listing, attr, rehash and upgrade actions: a
// private base home with an empty global settings directory, and small file
// utilities.
#pragma once
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "domain/config.h"
#include "domain/domain.h"
#include "fmt/cdb_write.h"
#include "fmt/record.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::tools_b_testing {

inline constexpr const char* kFixtureDir = "tests/fixtures/vmailmgr-0.97";  // run from the top of the tree

inline void write_file(const std::string& path, const std::string& bytes, int mode = 0644) {
  sys::Fd fd = sys::open_file(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  sys::write_all(fd.get(), bytes, path);
  fd.close();
}

inline std::string file_bytes(const std::string& path) { return sys::read_file(path, 1 << 26); }

inline bool exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

inline unsigned mode_of(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) throw std::runtime_error("lstat " + path);
  return st.st_mode & 07777;
}

// The bytes of a string literal that holds NULs (without the final one).
template <std::size_t N>
std::string raw(const char (&s)[N]) {
  return std::string(s, N - 1);
}

// A table holding exactly these (key, raw data) records, in this order.
inline void write_cdb(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& records) {
  fmt::StringSink sink;
  fmt::CdbWriter writer(sink);
  for (const auto& [key, data] : records) writer.add(key, data);
  writer.finish();
  write_file(path, sink.bytes, 0600);
}

// A base home under /tmp with an empty global settings directory beside it,
// removed with everything in it on destruction.
struct TempHome {
  std::string root, home, etc;
  TempHome() {
    char tmpl[] = "/tmp/vmm_tools_b_XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    root = tmpl;
    home = root + "/home";
    etc = root + "/etc";
    std::filesystem::create_directory(home);
    std::filesystem::create_directory(etc);
  }
  ~TempHome() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  TempHome(const TempHome&) = delete;
  TempHome& operator=(const TempHome&) = delete;

  std::string operator/(const std::string& name) const { return home + "/" + name; }
  domain::Domain domain() const { return domain::Domain(home, domain::Config(etc, "")); }
  // A per-domain setting file ~/.vmailmgr/NAME.
  void set(const std::string& name, const std::string& value) const {
    std::filesystem::create_directories(home + "/.vmailmgr");
    write_file(home + "/.vmailmgr/" + name, value + "\n");
  }
  // The table written by the original VMailMgr 0.97 (EXPECTED.md).
  void copy_fixture_table() const {
    write_file(home + "/passwd.cdb", file_bytes(std::string(kFixtureDir) + "/passwd.cdb"), 0600);
  }
  std::string table_bytes() const { return file_bytes(home + "/passwd.cdb"); }
};

// A mailbox account as vadduser would store it.
inline fmt::Record mailbox(const std::string& dir, std::uint64_t ctime = 1700000000) {
  fmt::Record r;
  r.password = "$1$salt$hash";
  r.directory = dir;
  r.has_mailbox = true;
  r.ctime = ctime;
  return r;
}

// The message of the vmm::Error f throws, checking its class; "(no error)" otherwise.
template <typename F>
std::string error_of(F f, ErrorClass expected = ErrorClass::permanent) {
  try {
    f();
  } catch (const Error& e) {
    if (e.cls() != expected) return std::string("(wrong class) ") + e.what();
    return e.what();
  }
  return "(no error)";
}

}  // namespace vmm::tools_b_testing
