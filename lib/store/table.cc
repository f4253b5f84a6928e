#include "store/table.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <utility>

#include "store/fd_sink.h"
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
  fn(current, change);
  if (change.empty()) return;

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

}  // namespace vmm::store
