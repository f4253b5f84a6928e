// Several writer processes at once, and writers killed at random moments.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
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
using Clock = std::chrono::steady_clock;

namespace {

// Names of leftover temporary files in dir.
std::vector<std::string> temp_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& name : list_dir(dir))
    if (name.rfind("passwd.cdb.tmp.", 0) == 0) out.push_back(name);
  return out;
}

// Every record decodes and is found by its name; returns the count.
std::size_t checked_count(const store::TableSnapshot& t) {
  std::size_t n = 0;
  bool all_good = true;
  t.for_each([&](std::string_view name, std::string_view raw) {
    fmt::Record r;
    std::string problem;
    if (t.find(name, r, &problem) != store::Lookup::found || t.find_raw(name)->data() != raw.data())
      all_good = false;
    ++n;
    return true;
  });
  CHECK(all_good);
  return n;
}

}  // namespace

TEST_CASE("20 writer processes adding 50 accounts each lose nothing") {
  TempDir dir;
  constexpr int kWriters = 20, kEach = 50;
  std::vector<pid_t> pids;
  for (int w = 0; w < kWriters; ++w) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      try {
        store::Table table(dir.path);
        for (int i = 0; i < kEach; ++i) {
          const std::string name = "w" + std::to_string(w) + "-" + std::to_string(i);
          table.update([&](const store::TableSnapshot& current, store::TableChange& c) {
            if (current.contains(name)) ::_exit(4);  // someone else wrote it?
            c.put(name, account("h-" + name));
          });
        }
        ::_exit(0);
      } catch (...) {
        ::_exit(3);
      }
    }
    pids.push_back(pid);
  }
  int failed = 0;
  for (pid_t pid : pids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  CHECK(failed == 0);

  store::TableSnapshot t = store::Table(dir.path).read();
  CHECK(checked_count(t) == kWriters * kEach);
  int missing = 0;
  for (int w = 0; w < kWriters; ++w)
    for (int i = 0; i < kEach; ++i) {
      const std::string name = "w" + std::to_string(w) + "-" + std::to_string(i);
      fmt::Record r;
      if (t.find(name, r) != store::Lookup::found || r != account("h-" + name)) ++missing;
    }
  CHECK(missing == 0);
  CHECK(temp_files(dir.path).empty());
}

TEST_CASE("a writer killed at any moment leaves a whole table and nothing blocking") {
  TempDir dir;
  constexpr std::size_t kBase = 3000;
  store::Table table(dir.path);
  table.update([&](const store::TableSnapshot&, store::TableChange& c) {
    for (std::size_t i = 0; i + 1 < kBase; ++i)
      c.put("user" + std::to_string(i), account("h" + std::to_string(i), "Some Person"));
    c.put("parent", account("parent", "-1"));
  });

  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> delay_us(0, 5000);
  int killed_mid_write = 0, bad_counts = 0, lost_parent_changes = 0, blocked_updates = 0;
  constexpr int kRounds = 200;
  for (int round = 0; round < kRounds; ++round) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // Toggles one account forever: the table holds kBase or kBase + 1.
      try {
        store::Table writer(dir.path);
        for (;;)
          writer.update([](const store::TableSnapshot& current, store::TableChange& c) {
            if (current.contains("extra"))
              c.remove("extra");
            else
              c.put("extra", account("extra"));
          });
      } catch (...) {
        ::_exit(3);
      }
    }
    ::usleep(static_cast<useconds_t>(delay_us(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));  // it did not fail on its own

    if (!temp_files(dir.path).empty()) ++killed_mid_write;
    store::TableSnapshot t = table.read();
    std::size_t n = checked_count(t);
    if (n != kBase && n != kBase + 1) ++bad_counts;
    fmt::Record parent;
    if (t.find("parent", parent) != store::Lookup::found ||
        parent.personal != std::to_string(round - 1))
      ++lost_parent_changes;

    // The next writer is not blocked by the dead one: it may not wait for
    // the lock at all. (A wall-clock bound here measured the disk's fsync
    // latency, which another job's fsyncs stretch past a second.)
    table.set_lock_wait(0ms);
    try {
      table.update([&](const store::TableSnapshot&, store::TableChange& c) {
        c.put("parent", account("parent", std::to_string(round)));
      });
    } catch (const Error& e) {
      ++blocked_updates;
      FAIL_CHECK(e.what());
    }
    if (!temp_files(dir.path).empty()) FAIL_CHECK("temporary files left after an update");
  }
  CHECK(bad_counts == 0);
  CHECK(lost_parent_changes == 0);
  CHECK(blocked_updates == 0);
  CHECK(killed_mid_write > 0);  // the test did reach the dangerous window
}
