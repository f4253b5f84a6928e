// Helpers for the tests of lib/admin (account_*, listing, attr,
// rehash, setup and upgrade): a private base home with its own global
// settings directory beside it, and the records those tests store in it.
#pragma once
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/config.h"
#include "domain/domain.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::base_home_testing {

inline constexpr const char* kFixtureDir = "tests/fixtures/vmailmgr-0.97";  // run from the top of the tree

// ROOT/home (the base home) and ROOT/etc (an empty global settings
// directory), ROOT a testing::TempDir. The umask is 022 while it lives, so
// what the actions create has the modes a listing() expects.
class TempHome {
 public:
  TempHome() : old_umask_(::umask(022)) {
    std::filesystem::create_directory(home);
    std::filesystem::create_directory(etc);
  }
  ~TempHome() { ::umask(old_umask_); }
  TempHome(const TempHome&) = delete;
  TempHome& operator=(const TempHome&) = delete;

 private:
  mode_t old_umask_;
  testing::TempDir dir_;

 public:
  std::string root = dir_.path, home = root + "/home", etc = root + "/etc";

  std::string operator/(const std::string& rel) const { return home + "/" + rel; }
  domain::Domain domain() const { return domain::Domain(home, domain::Config(etc, "")); }

  // A per-domain setting file home/.vmailmgr/NAME holding exactly text.
  void set(const std::string& name, const std::string& text) const {
    testing::write_file(home + "/.vmailmgr/" + name, text);
  }

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

  // The table written by the original VMailMgr 0.97 (EXPECTED.md).
  void copy_fixture_table() const {
    testing::write_file(home + "/passwd.cdb", testing::file_bytes(std::string(kFixtureDir) + "/passwd.cdb"), 0600);
  }
  std::string table_bytes() const { return testing::file_bytes(home + "/passwd.cdb"); }

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
};

// The record stored under name in home/passwd.cdb, read without the lock.
inline fmt::Record stored(const TempHome& h, const std::string& name) {
  fmt::Record r;
  REQUIRE(store::TableSnapshot(h / "passwd.cdb").find(name, r) == store::Lookup::found);
  return r;
}

// A mailbox account record as vadduser stores it (the account_* tests).
inline fmt::Record mailbox(const std::string& dir, const std::string& hash = "$1$x$y") {
  fmt::Record r;
  r.password = hash;
  r.directory = dir;
  r.has_mailbox = true;
  r.ctime = 1000;
  return r;
}

// A mailbox account made at ctime with the password "$1$salt$hash" (the
// listing, attr, rehash and upgrade tests).
inline fmt::Record dated_mailbox(const std::string& dir, std::uint64_t ctime = 1700000000) {
  fmt::Record r;
  r.password = "$1$salt$hash";
  r.directory = dir;
  r.has_mailbox = true;
  r.ctime = ctime;
  return r;
}

inline fmt::Record alias(std::vector<std::string> dests) {
  fmt::Record r;
  r.password = "*";
  r.forwards = std::move(dests);
  r.ctime = 1000;
  return r;
}

}  // namespace vmm::base_home_testing
