// Group commit: changes queued while another writer holds the lock, applied
// in that writer's rewrite, each with its own outcome; writers that die.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../testing/child.h"
#include "../testing/files.h"
#include "../testing/lock_holder.h"
#include "../testing/temp_dir.h"
#include "store/table_queue.h"
#include "sys/error.h"
#include "table_testing.h"

using namespace vmm;
using namespace vmm::testing;
using namespace vmm::table_testing;
using namespace std::chrono_literals;

namespace {

void fill(store::Table& table, int n) {
  table.update([&](const store::TableSnapshot&, store::TableChange& c) {
    for (int i = 0; i < n; ++i) c.put("u" + std::to_string(i), account("h" + std::to_string(i)));
  });
}

store::Edits quota(const std::string& name, std::uint64_t value) {
  store::RecordEdit e;
  e.hard_quota = fmt::Limit(value);
  return {{name, e}};
}

fmt::Record record(const store::Table& table, const std::string& name) {
  fmt::Record r;
  REQUIRE(table.read().find(name, r) == store::Lookup::found);
  return r;
}

// The files of the queue directory with this ending ("" for waiting ones).
std::size_t queued(const store::Table& table, const std::string& ending) {
  std::size_t n = 0;
  for (const std::string& name : list_dir(table.queue_dir())) {
    const std::size_t dot = name.find('.');
    if ((dot == std::string::npos ? "" : name.substr(dot)) == ending) ++n;
  }
  return n;
}

void wait_for_waiting(const store::Table& table, std::size_t n) {
  for (int i = 0; i < 1000 && queued(table, "") < n; ++i) std::this_thread::sleep_for(5ms);
  REQUIRE(queued(table, "") == n);
}

// A child that makes one edit: 0 done, 2 refused with `refusal`, 3 otherwise.
pid_t editor(const std::string& dir, const store::Edits& edits, const std::string& refusal = "") {
  return start_child([=] {
    store::Table table(dir);
    try {
      table.edit(edits);
      return 0;
    } catch (const Error& e) {
      if (std::string(e.what()) == refusal) return 2;
      std::fprintf(stderr, "edit refused: %s\n", e.what());
      return 3;
    }
  });
}

}  // namespace

TEST_CASE("with the lock free an edit is a plain update: no queue is made") {
  TempDir dir;
  store::Table table(dir.path);
  fill(table, 3);
  table.edit(quota("u1", 77));
  CHECK(record(table, "u1").hard_quota == fmt::Limit(77));
  CHECK_FALSE(exists(table.queue_dir()));
  CHECK_THROWS_WITH(table.edit(quota("nobody", 1)), "account 'nobody' does not exist");
  store::Edits both = quota("u2", 5);
  both.push_back(quota("nobody", 1).front());
  CHECK_THROWS_WITH(table.edit(both), "account 'nobody' does not exist");
  CHECK(record(table, "u2").hard_quota == std::nullopt);  // all or nothing
}

TEST_CASE("changes queued behind the lock holder share its one rewrite, each with its own outcome") {
  TempDir dir;
  store::Table table(dir.path);
  fill(table, 30);
  std::vector<pid_t> ok;
  pid_t refused;
  {
    store::TableLock held = table.lock();
    for (int i = 0; i < 12; ++i) ok.push_back(editor(dir.path, quota("u" + std::to_string(i), 1000 + i)));
    refused = editor(dir.path, quota("nobody", 9), "account 'nobody' does not exist");
    wait_for_waiting(table, 13);
    // The holder's own change; the 13 waiting are applied in the same rewrite.
    table.update_unlocked([](const store::TableSnapshot&, store::TableChange& c) {
      c.put("new", account("hn"));
    });
    CHECK(record(table, "new").password == "hn");
    for (int i = 0; i < 12; ++i)
      CHECK(record(table, "u" + std::to_string(i)).hard_quota == fmt::Limit(1000 + i));
    CHECK(queued(table, ".c") == 0);  // every claim done, its outcome written
  }
  for (pid_t pid : ok) CHECK(wait_child(pid) == 0);
  CHECK(wait_child(refused) == 2);
  CHECK(table.read().size() == 31);
  CHECK(list_dir(table.queue_dir()).empty());  // each requester took its outcome
}

TEST_CASE("concurrent edits of one account all land, none over another") {
  TempDir dir;
  store::Table table(dir.path);
  fill(table, 5);
  auto one = [](auto set) {
    store::RecordEdit e;
    set(e);
    return store::Edits{{"u3", e}};
  };
  std::vector<store::Edits> edits = {
      one([](store::RecordEdit& e) { e.msg_count = fmt::Limit(1); }),
      one([](store::RecordEdit& e) { e.expiry = fmt::Limit(2); }),
      one([](store::RecordEdit& e) { e.hard_quota = fmt::Limit(3); }),
      one([](store::RecordEdit& e) { e.soft_quota = fmt::Limit(4); }),
      one([](store::RecordEdit& e) { e.msg_size = fmt::Limit(5); }),
      one([](store::RecordEdit& e) { e.mailbox_enabled = false; }),
      one([](store::RecordEdit& e) { e.personal = "P"; }),
      one([](store::RecordEdit& e) { e.password = "new-hash"; }),
  };
  std::vector<pid_t> pids;
  {
    store::TableLock held = table.lock();  // not inherited: all of them queue
    for (const store::Edits& e : edits) pids.push_back(editor(dir.path, e));
    wait_for_waiting(table, edits.size());
  }
  for (pid_t pid : pids) CHECK(wait_child(pid) == 0);
  const fmt::Record r = record(table, "u3");
  CHECK(r.msg_count == fmt::Limit(1));
  CHECK(r.expiry == fmt::Limit(2));
  CHECK(r.hard_quota == fmt::Limit(3));
  CHECK(r.soft_quota == fmt::Limit(4));
  CHECK(r.msg_size == fmt::Limit(5));
  CHECK_FALSE(r.mailbox_enabled);
  CHECK(r.personal == "P");
  CHECK(r.password == "new-hash");
  CHECK(r.directory == "./users/h3");
}

TEST_CASE("a change not taken in time is taken back and never applied") {
  TempDir dir;
  store::Table table(dir.path);
  fill(table, 3);
  {
    LockHolder other(table.lock_path());
    table.set_lock_wait(150ms);
    CHECK_THROWS_WITH(table.edit(quota("u1", 5)),
                      ("unable to lock " + table.lock_path() + ": another writer holds it").c_str());
    CHECK(list_dir(table.queue_dir()).empty());
  }
  table.update(nullptr);
  CHECK(record(table, "u1").hard_quota == std::nullopt);
}

TEST_CASE("a claim left by a writer that died is applied by the next; one with an outcome is not") {
  TempDir dir;
  store::Table table(dir.path);
  fill(table, 3);
  store::ChangeQueue queue(table.queue_dir());
  // Died after claiming (before or after its rename: applying again is harmless).
  const std::string dead = queue.submit(quota("u1", 11));
  REQUIRE(::rename((table.queue_dir() + "/" + dead).c_str(), (table.queue_dir() + "/" + dead + ".c").c_str()) == 0);
  // Done and reported, only not cleaned up: must not be applied over a later change.
  const std::string done = queue.submit(quota("u2", 22));
  REQUIRE(::rename((table.queue_dir() + "/" + done).c_str(), (table.queue_dir() + "/" + done + ".c").c_str()) == 0);
  write_file(table.queue_dir() + "/" + done + ".r", "1");
  const std::string garbage = "0000000000000000001-1-1";
  write_file(table.queue_dir() + "/" + garbage, "not a change");
  table.update(nullptr);
  CHECK(record(table, "u1").hard_quota == fmt::Limit(11));
  CHECK(record(table, "u2").hard_quota == std::nullopt);
  std::optional<store::QueueOutcome> o = queue.take_outcome(dead);
  REQUIRE(o);
  CHECK(o->applied);
  o = queue.take_outcome(garbage);
  REQUIRE(o);
  CHECK_FALSE(o->applied);
  CHECK(o->error == "malformed queued change: not netstrings");
  CHECK(queue.take_outcome(done));
  CHECK(list_dir(table.queue_dir()).empty());
}

TEST_CASE("a writer killed in the middle of a batch: the table is whole, no change lost") {
  TempDir dir;
  store::Table table(dir.path);
  fill(table, 20000);  // a rewrite of a few milliseconds, to be killed in
  std::mt19937 random(12345);
  for (int round = 0; round < 8; ++round) {
    // The committer takes the lock, then waits for the go to apply the queue.
    int ready[2], go[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(go) == 0);
    pid_t committer = start_child([&] {
      store::TableLock held = table.lock();
      if (::write(ready[1], "r", 1) != 1) return 1;
      char c;
      if (::read(go[0], &c, 1) != 1) return 1;
      table.update_unlocked(nullptr);
      ::pause();  // killed here at the latest
      return 0;
    });
    char c;
    REQUIRE(::read(ready[0], &c, 1) == 1);
    ::close(ready[0]);
    ::close(ready[1]);
    ::close(go[0]);
    std::vector<pid_t> pids;
    for (int i = 0; i < 6; ++i)
      pids.push_back(editor(dir.path, quota("u" + std::to_string(round * 6 + i), 100 * round + i)));
    wait_for_waiting(table, 6);
    REQUIRE(::write(go[1], "g", 1) == 1);
    ::close(go[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 8000));
    ::kill(committer, SIGKILL);
    CHECK(wait_child(committer) == -1);
    // The requesters go on without it: each change lands, reported once.
    for (pid_t pid : pids) CHECK(wait_child(pid) == 0);
    const store::TableSnapshot now = table.read();
    for (int i = 0; i < 6; ++i) {
      fmt::Record r;
      REQUIRE(now.find("u" + std::to_string(round * 6 + i), r) == store::Lookup::found);
      CHECK(r.hard_quota == fmt::Limit(100 * round + i));
    }
    CHECK(now.size() == 20000);
    CHECK(list_dir(table.queue_dir()).empty());
  }
}

TEST_CASE("a queue made by root belongs to the owner of the table's directory") {
  if (::geteuid() != 0) return;  // only root can give it away
  TempDir dir;
  REQUIRE(::chown(dir.path.c_str(), 65534, 65534) == 0);
  store::Table table(dir.path);
  store::ChangeQueue(table.queue_dir()).submit(quota("u1", 1));
  struct stat st;
  REQUIRE(::stat(table.queue_dir().c_str(), &st) == 0);
  CHECK(st.st_uid == 65534);
  CHECK(st.st_gid == 65534);
  CHECK((st.st_mode & 07777) == 0700);
}
