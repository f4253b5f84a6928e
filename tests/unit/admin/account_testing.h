// Helpers shared by the account_* action tests: a private base home with its
// own global settings directory, and small file utilities.
#pragma once
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/domain.h"
#include "fmt/record.h"
#include "store/table.h"
#include "sys/error.h"

namespace vmm::account_testing {

// /tmp/vmm-account-test.XXXXXX/{home,etc}; removed on destruction.
struct TempDomain {
  std::string root, home, etc;
  mode_t old_umask;
  TempDomain() : old_umask(::umask(022)) {
    char t[] = "/tmp/vmm-account-test.XXXXXX";
    if (!::mkdtemp(t)) throw std::runtime_error("mkdtemp failed");
    root = t;
    home = root + "/home";
    etc = root + "/etc";
    std::filesystem::create_directories(home);
    std::filesystem::create_directories(etc);
  }
  ~TempDomain() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
    ::umask(old_umask);
  }
  domain::Domain domain() const { return domain::Domain(home, domain::Config(etc, "")); }
  // A per-domain setting file (home/.vmailmgr/NAME).
  void set(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(home + "/.vmailmgr");
    std::ofstream(home + "/.vmailmgr/" + name) << text;
  }
  std::string operator/(const std::string& rel) const { return home + "/" + rel; }
  store::TableSnapshot table() const { return domain().table().read(); }
  fmt::Record record(const std::string& name) const {
    fmt::Record r;
    if (table().find(name, r) != store::Lookup::found) throw std::runtime_error("no record " + name);
    return r;
  }
  void put(const std::string& name, const fmt::Record& r) const {
    domain().table().update([&](const store::TableSnapshot&, store::TableChange& c) { c.put(name, r); });
  }
  void put_raw(const std::string& name, const std::string& bytes) const {
    domain().table().update([&](const store::TableSnapshot&, store::TableChange& c) { c.put_raw(name, bytes); });
  }
  // Every path below home, sorted, one per line, with "d"/"f"/"l" and the mode.
  std::string listing() const {
    std::vector<std::string> lines;
    for (auto& e : std::filesystem::recursive_directory_iterator(home)) {
      struct stat st;
      ::lstat(e.path().c_str(), &st);
      char mode[8];
      std::snprintf(mode, sizeof mode, "%o", st.st_mode & 07777);
      const char* kind = S_ISLNK(st.st_mode) ? "l" : S_ISDIR(st.st_mode) ? "d" : "f";
      lines.push_back(e.path().string().substr(home.size() + 1) + " " + kind + " " + mode);
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (auto& l : lines) out += l + "\n";
    return out;
  }
  std::string table_bytes() const {
    std::ifstream in(home + "/passwd.cdb", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};

// A mailbox account record as vadduser stores it.
inline fmt::Record mailbox(const std::string& dir, const std::string& hash = "$1$x$y") {
  fmt::Record r;
  r.password = hash;
  r.directory = dir;
  r.has_mailbox = true;
  r.ctime = 1000;
  return r;
}

inline fmt::Record alias(std::vector<std::string> dests) {
  fmt::Record r;
  r.password = "*";
  r.forwards = std::move(dests);
  r.ctime = 1000;
  return r;
}

// The message of the vmm::Error f throws, checking its class.
template <class F>
std::string error_of(F f, ErrorClass want = ErrorClass::permanent) {
  try {
    f();
  } catch (const Error& e) {
    if (e.cls() != want) return std::string("(wrong class) ") + e.what();
    return e.what();
  }
  return "(no error)";
}

}  // namespace vmm::account_testing
