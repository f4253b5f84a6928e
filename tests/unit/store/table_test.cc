#include <doctest/doctest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "store/table.h"
#include "sys/error.h"
#include "table_testing.h"

using namespace vmm;
using namespace vmm::testing;
using namespace vmm::table_testing;
using namespace std::chrono_literals;
using Names = std::vector<std::string>;

namespace {

Names names_of(const store::TableSnapshot& t) {
  Names out;
  t.for_each([&](std::string_view k, std::string_view) {
    out.emplace_back(k);
    return true;
  });
  return out;
}

void add(store::Table& table, const std::string& name, const fmt::Record& r) {
  table.update([&](const store::TableSnapshot&, store::TableChange& c) { c.put(name, r); });
}

const char* const kFixture = "tests/fixtures/vmailmgr-0.97/passwd.cdb";  // run from the top of the tree

}  // namespace

TEST_CASE("paths of the table and its lock") {
  CHECK(store::Table("/home/d").path() == "/home/d/passwd.cdb");
  CHECK(store::Table("/home/d/").lock_path() == "/home/d/passwd.lock");
  CHECK(store::Table("/home/d", "users").path() == "/home/d/users.cdb");
  CHECK(store::Table("/").path() == "/passwd.cdb");
  store::Table t("/x");
  CHECK(t.lock_wait() == 60s);
  t.set_lock_wait(250ms);
  CHECK(t.lock_wait() == 250ms);
}

TEST_CASE("add, replace and remove keep insertion order; the file is 0600") {
  TempDir dir;
  store::Table table(dir.path);
  CHECK(table.read().size() == 0);

  add(table, "Joe", account("h-joe"));
  add(table, "amy", account("h-amy"));
  add(table, "zed", account("h-zed"));
  CHECK(names_of(table.read()) == Names{"joe", "amy", "zed"});
  CHECK(mode_of(table.path()) == 0600);
  CHECK(mode_of(table.lock_path()) == 0600);

  table.update([](const store::TableSnapshot& current, store::TableChange& c) {
    CHECK(current.size() == 3);
    CHECK(current.contains("JOE"));
    c.put("joe", account("h-joe2"));
    c.remove("amy");
    c.put("bob", account("h-bob"));
  });
  store::TableSnapshot now = table.read();
  CHECK(names_of(now) == Names{"joe", "zed", "bob"});
  fmt::Record r;
  CHECK(now.find("joe", r) == store::Lookup::found);
  CHECK(r == account("h-joe2"));
  CHECK(now.find("amy", r) == store::Lookup::missing);
  CHECK(list_dir(dir.path) == Names{"passwd.cdb", "passwd.lock"});
}

TEST_CASE("the table is written 0600 whatever the umask") {
  TempDir dir;
  store::Table table(dir.path);
  mode_t old = ::umask(0277);  // would create the file 0400
  add(table, "joe", account("h"));
  ::umask(old);
  CHECK(mode_of(table.path()) == 0600);
}

TEST_CASE("an update without changes writes nothing") {
  TempDir dir;
  store::Table table(dir.path);
  bool called = false;
  table.update([&](const store::TableSnapshot& current, store::TableChange&) {
    called = true;
    CHECK(current.size() == 0);
  });
  CHECK(called);
  CHECK(list_dir(dir.path) == Names{"passwd.lock"});  // still no table
}

TEST_CASE("unchanged records are copied byte for byte (original VMailMgr table)") {
  TempDir dir;
  write_file(dir / "passwd.cdb", file_bytes(kFixture), 0600);
  store::Table table(dir.path);
  table.update([](const store::TableSnapshot&, store::TableChange& c) { c.remove("nobody"); });
  CHECK(file_bytes(dir / "passwd.cdb") == file_bytes(kFixture));

  // vpasswd-like: one record changes in place, the others stay as they were.
  const store::TableSnapshot before(kFixture);
  fmt::Record kai;
  REQUIRE(before.find("kai", kai) == store::Lookup::found);
  kai.password = "$y$new";
  table.update([&](const store::TableSnapshot&, store::TableChange& c) { c.put("KAI", kai); });
  store::TableSnapshot after = table.read();
  CHECK(names_of(after) == names_of(before));
  before.for_each([&](std::string_view name, std::string_view raw) {
    if (name != "kai") CHECK(after.find_raw(name) == std::optional<std::string_view>(raw));
    return true;
  });
  fmt::Record got;
  CHECK(after.find("kai", got) == store::Lookup::found);
  CHECK(got == kai);
}

TEST_CASE("temporary files of crashed writers are removed by the next writer") {
  TempDir dir;
  store::Table table(dir.path);
  add(table, "joe", account("h"));
  write_file(dir / "passwd.cdb.tmp.12345.1", "half a table", 0600);
  write_file(dir / "passwd.cdb.tmp.x", "", 0600);
  write_file(dir / "outside", "keep", 0600);
  REQUIRE(::symlink("outside", (dir / "passwd.cdb.tmp.link").c_str()) == 0);
  write_file(dir / "passwd.cdb.tmp", "not ours", 0600);  // VMailMgr's name: left alone
  write_file(dir / "other.cdb.tmp.1", "", 0600);         // another table's
  // Even an update that changes nothing cleans up.
  table.update([](const store::TableSnapshot&, store::TableChange&) {});
  CHECK(list_dir(dir.path) ==
        Names{"other.cdb.tmp.1", "outside", "passwd.cdb", "passwd.cdb.tmp", "passwd.lock"});
  CHECK(file_bytes(dir / "outside") == "keep");  // the link went, not its target
}

TEST_CASE("an update that throws leaves the table as it was") {
  TempDir dir;
  store::Table table(dir.path);
  add(table, "joe", account("h"));
  const std::string before = file_bytes(table.path());
  CHECK_THROWS_WITH_AS(table.update([](const store::TableSnapshot&, store::TableChange& c) {
    c.put("amy", account("h-amy"));
    throw std::runtime_error("changed my mind");
  }), "changed my mind", std::runtime_error);
  CHECK(file_bytes(table.path()) == before);
  CHECK(list_dir(dir.path) == Names{"passwd.cdb", "passwd.lock"});
  table.set_lock_wait(0ms);  // the lock was released
  add(table, "amy", account("h-amy"));
  CHECK(names_of(table.read()) == Names{"joe", "amy"});
}

TEST_CASE("a corrupt table makes the update fail and stays byte-identical") {
  TempDir dir;
  store::Table table(dir.path);
  std::string bytes;
  SUBCASE("corrupt header") { bytes = std::string(3000, '\xff'); }
  SUBCASE("corrupt record, found while copying") {
    add(table, "joe", account("h"));
    add(table, "amy", account("h"));
    bytes = file_bytes(table.path());
    bytes[2048 + 4] = '\x7f';  // data length of the first record
  }
  write_file(table.path(), bytes, 0600);
  try {
    add(table, "new", account("h"));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()).rfind(table.path() + " is corrupt: ", 0) == 0);
  }
  CHECK(file_bytes(table.path()) == bytes);
  CHECK(list_dir(dir.path) == Names{"passwd.cdb", "passwd.lock"});
}

TEST_CASE("a failing write leaves the old table and no temporary file") {
  // RLIMIT_FSIZE makes write(2) fail with EFBIG, even for root; done in a
  // child so the limit does not stay with the test runner.
  TempDir dir;
  store::Table table(dir.path);
  add(table, "joe", account("h"));
  const std::string before = file_bytes(table.path());
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = {65536, 65536};
    ::setrlimit(RLIMIT_FSIZE, &lim);
    try {
      add(table, "big", account("h", std::string(200000, 'p')));
    } catch (const Error& e) {
      const std::string prefix = "unable to write " + dir.path + "/passwd.cdb.tmp.";
      const std::string suffix = ": File too large";
      std::string m = e.what();
      bool ok = e.cls() == ErrorClass::permanent && m.rfind(prefix, 0) == 0 &&
                m.size() > prefix.size() + suffix.size() &&
                m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
      ::_exit(ok ? 0 : 2);
    }
    ::_exit(3);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(file_bytes(table.path()) == before);
  CHECK(list_dir(dir.path) == Names{"passwd.cdb", "passwd.lock"});
}

TEST_CASE("a missing home fails with the path") {
  TempDir dir;
  store::Table table(dir / "none");
  try {
    add(table, "joe", account("h"));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::permanent);
    CHECK(std::string(e.what()) ==
          "unable to open " + dir / "none/passwd.lock" + ": No such file or directory");
  }
}

TEST_CASE("a snapshot taken before an update keeps showing the old table") {
  TempDir dir;
  store::Table table(dir.path);
  add(table, "joe", account("h"));
  store::TableSnapshot old = table.read();
  add(table, "amy", account("h"));
  CHECK(names_of(old) == Names{"joe"});
  CHECK(names_of(table.read()) == Names{"joe", "amy"});
}

TEST_CASE("a table name other than passwd") {
  TempDir dir;
  store::Table table(dir.path, "accounts");
  add(table, "joe", account("h"));
  CHECK(list_dir(dir.path) == Names{"accounts.cdb", "accounts.lock"});
}

TEST_CASE("lock() then update_unlocked: the same change, the lock held throughout") {
  TempDir d;
  store::Table table(d.path);
  {
    const store::TableLock held = table.lock();
    table.update_unlocked([](const store::TableSnapshot&, store::TableChange& c) {
      c.put("joe", account("joe"));
    });
    // Another process cannot take the lock meanwhile.
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      try {
        store::TableLock other(table.lock_path(), 0ms);
        ::_exit(0);
      } catch (...) {
        ::_exit(7);
      }
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WEXITSTATUS(status) == 7);
  }
  CHECK(names_of(table.read()) == Names{"joe"});
  table.set_lock_wait(0ms);
  table.update([](const store::TableSnapshot&, store::TableChange& c) { c.remove("joe"); });
  CHECK(names_of(table.read()).empty());
}
