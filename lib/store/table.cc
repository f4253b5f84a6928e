#include "store/table.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <thread>
#include <utility>

#include "store/fd_sink.h"
#include "store/table_queue.h"
#include "sys/error.h"
#include "sys/file_replace.h"

namespace vmm::store {

namespace {

constexpr const char* kTempInfix = ".cdb.tmp.";

}  // namespace

Table::Table(std::string home, std::string base_name)
    : home_(std::move(home)), base_(std::move(base_name)) {
  while (home_.size() > 1 && home_.back() == '/') home_.pop_back();
  if (home_.empty()) home_ = ".";
}

std::string Table::file(const char* suffix) const {
  return home_ + (home_.back() == '/' ? "" : "/") + base_ + suffix;
}
std::string Table::path() const { return file(".cdb"); }
std::string Table::lock_path() const { return file(".lock"); }
std::string Table::queue_dir() const { return file(".queue"); }

TableSnapshot Table::read() const { return TableSnapshot(path()); }

// Unique among all writers: the pid tells processes apart, the counter the
// updates of one process. Leftovers of a crashed writer are removed first,
// so a reused pid cannot collide either.
std::string Table::new_temp_path() const {
  static std::atomic<unsigned long> counter{0};
  return file(kTempInfix) + std::to_string(::getpid()) + "." + std::to_string(++counter);
}

// Only writers create temporary files and every writer holds the lock, so
// whatever is left now belongs to a writer that died. Best effort: a file
// that cannot be removed only takes space, it never blocks a write.
void Table::remove_stale_temps() const {
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(home_.c_str()), ::closedir);
  if (!dir) throw_errno("open directory " + home_);
  const std::string prefix = base_ + kTempInfix;
  while (struct dirent* entry = ::readdir(dir.get())) {
    if (std::strncmp(entry->d_name, prefix.c_str(), prefix.size()) != 0) continue;
    ::unlinkat(::dirfd(dir.get()), entry->d_name, 0);  // never follows a symlink
  }
}

void Table::update(const std::function<void(const TableSnapshot&, TableChange&)>& fn) {
  TableLock held = lock();
  update_unlocked(fn);
}

TableLock Table::lock() const { return TableLock(lock_path(), lock_wait_); }

void Table::update_unlocked(const std::function<void(const TableSnapshot&, TableChange&)>& fn) {
  remove_stale_temps();
  const TableSnapshot current(path());
  TableChange change;
  if (fn) fn(current, change);
  // After fn: a failing fn leaves the queue to the others. The queued
  // changes are concurrent with fn's (none was reported yet), so applying
  // them after it is one order the writers could have had.
  ChangeQueue::Batch batch = ChangeQueue(queue_dir()).claim();
  for (ChangeQueue::Item& item : batch.items()) {
    if (!item.outcome.error.empty()) continue;  // did not decode
    try {
      apply_edits(current, change, item.edits);
      item.outcome.applied = true;
    } catch (const Error& e) {
      if (e.cls() != ErrorClass::permanent) throw;
      item.outcome.error = e.what();
    }
  }
  if (!change.empty()) {
    // Exactly 0600 whatever the umask: the table holds password hashes.
    sys::FileReplacement file(path(), new_temp_path(), 0600);
    FdSink sink(file.fd(), file.temp());
    fmt::CdbWriter writer(sink);
    change.apply(current, writer);
    writer.finish();
    sink.flush();
    file.commit(sys::FileReplacement::Sync::file);
    sys::fsync_dir(home_);
  }
  batch.finish();  // only now is every applied change durable
}

void Table::edit(const Edits& edits) {
  const auto own = [&](const TableSnapshot& current, TableChange& change) {
    apply_edits(current, change, edits);
  };
  if (std::optional<TableLock> held = TableLock::try_take(lock_path())) {
    update_unlocked(own);
    return;
  }
  ChangeQueue queue(queue_dir());
  std::string id;
  try {
    id = queue.submit(edits);
  } catch (const Error&) {
    update(own);  // no queue to be had (another owner's, a full disk): wait our turn
    return;
  }
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + lock_wait_;
  std::chrono::microseconds pause(500);
  const std::chrono::microseconds max_pause(5000);
  for (;;) {
    std::optional<QueueOutcome> outcome = queue.take_outcome(id);
    if (!outcome) {
      if (std::optional<TableLock> held = TableLock::try_take(lock_path())) {
        outcome = queue.take_outcome(id);  // applied just before the lock came free
        if (!outcome) {
          if (!queue.known(id))
            throw Error(ErrorClass::temporary, "queued change " + queue.dir() + "/" + id + " vanished");
          try {
            update_unlocked(nullptr);
          } catch (...) {
            queue.withdraw(id);  // put back unapplied by the failed update: taken back
            throw;
          }
          continue;
        }
      }
    }
    if (outcome) {
      if (!outcome->applied) throw Error(ErrorClass::permanent, outcome->error);
      return;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      if (queue.withdraw(id))
        throw Error(ErrorClass::temporary, "unable to lock " + lock_path() + ": another writer holds it");
      if (now >= deadline + lock_wait_)
        throw Error(ErrorClass::temporary, "unable to lock " + lock_path() +
                                               ": another writer holds it; the change " + id +
                                               " stays queued in " + queue.dir());
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, max_pause);
  }
}

}  // namespace vmm::store
