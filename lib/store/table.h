// The account table (SPEC §3.4): a CDB file ~base/<password-file>.cdb.
// Readers never lock: they map the file as it is (TableSnapshot). Writers
// take an exclusive lock on ~base/<password-file>.lock, stream a whole new
// table to a unique temporary file, fsync it and rename it over the old one,
// so a crash leaves either the old table or the new one.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fmt/cdb_read.h"
#include "fmt/cdb_write.h"
#include "fmt/record.h"
#include "store/record_edit.h"
#include "store/table_lock.h"
#include "sys/fd.h"

namespace vmm::store {

// The key a name is stored under: ASCII letters lowercased, other bytes kept.
std::string table_key(std::string_view name);

enum class Lookup { found, missing, bad_record };

// A read-only view of one table file as it was when opened. A missing file is
// an empty table (a new domain has no table yet). An unreadable file throws
// the open error; a corrupt one throws Error(temporary, "PATH is corrupt: ...").
class TableSnapshot {
 public:
  explicit TableSnapshot(const std::string& path);

  // name is looked up lowercased. A record that does not decode gives
  // bad_record, and *problem = "account 'NAME': <what is wrong>".
  Lookup find(std::string_view name, fmt::Record& out, std::string* problem = nullptr) const;
  // The stored bytes of the record, undecoded.
  std::optional<std::string_view> find_raw(std::string_view name) const;
  // Every record in file order (= insertion order) with its key as stored.
  // Of several records with one key only the first counts, as for find.
  // Stops early when f returns false.
  void for_each(const std::function<bool(std::string_view name, std::string_view raw)>& f) const;
  bool contains(std::string_view name) const;
  std::size_t size() const;  // number of accounts; walks the whole file
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  sys::MappedFile file_;
  fmt::CdbReader reader_;
};

// The changes one update makes. Names are lowercased; several changes to the
// same name leave only the last one.
class TableChange {
 public:
  void put(std::string name, const fmt::Record& record);  // stored in version 2
  void put_raw(std::string name, std::string bytes);
  void remove(std::string name);
  bool empty() const { return entries_.empty(); }
  // What name (lowercased) is changed to: nullptr when it is not changed
  // here, else its new bytes (nullopt: removed).
  const std::optional<std::string>* changed(std::string_view name) const;

  // Writes current with the changes applied, without finishing out: the old
  // records in file order, a replaced one in its place, removed ones left out,
  // then the new names in the order they were first changed. Unchanged
  // records are copied as raw bytes, never decoded.
  void apply(const TableSnapshot& current, fmt::CdbWriter& out) const;

 private:
  struct Entry {
    std::string name;
    std::optional<std::string> bytes;  // nullopt = remove
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void set(std::string name, std::optional<std::string> bytes);

  std::vector<Entry> entries_;  // in the order names were first changed
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;
};

class Table {
 public:
  // home: the base user's home. The table is home/<base_name>.cdb.
  explicit Table(std::string home, std::string base_name = "passwd");

  std::string path() const;       // home/<base_name>.cdb
  std::string lock_path() const;  // home/<base_name>.lock

  TableSnapshot read() const;  // never locks

  // Under the writer lock (waiting at most lock_wait(), then
  // Error(temporary, "unable to lock PATH: another writer holds it")):
  // removes temporary files left by crashed writers, calls fn with the
  // current table, applies on top every change waiting in the table's queue
  // (store/table_queue.h: group commit, each with its own outcome), and if
  // anything changed replaces the table with the changed one. On any failure before the rename the old table stays as it
  // was and no temporary file remains. A failure after the rename (the
  // directory fsync) is still thrown: the new table is in place but may not
  // survive a crash.
  void update(const std::function<void(const TableSnapshot& current, TableChange& change)>& fn);

  // The writer lock alone, waited for as update() waits. For a change that
  // must do more than the table write under it (vrenuser moves a directory
  // before and after): take it, then call update_unlocked, then finish.
  TableLock lock() const;
  // update() for a caller that holds lock(): the same steps (an empty fn
  // only applies the queue) without taking the lock (fcntl locks belong to the process: a second one taken
  // and released inside would release the caller's).
  void update_unlocked(
      const std::function<void(const TableSnapshot& current, TableChange& change)>& fn);

  // Field edits of existing accounts (names lowercased), all or nothing: a
  // missing account or a record that does not decode is Error(permanent)
  // with find_account's message and nothing changes. With the lock free
  // this is update(); while another writer holds it the change waits in the
  // queue, and the writer holding the lock applies it in the same rewrite
  // as its own and everything else waiting (group commit). It returns only
  // once the table holding the change is durable. Waits like update(); a
  // change that a writer already claimed is waited for a second
  // lock_wait(), then Error(temporary, "... it stays queued") says so.
  void edit(const Edits& edits);
  std::string queue_dir() const;  // home/<base_name>.queue

  std::chrono::milliseconds lock_wait() const { return lock_wait_; }
  void set_lock_wait(std::chrono::milliseconds bound) { lock_wait_ = bound; }

 private:
  std::string file(const char* suffix) const;
  void remove_stale_temps() const;
  std::string new_temp_path() const;

  std::string home_;
  std::string base_;
  std::chrono::milliseconds lock_wait_{std::chrono::seconds(60)};
};

}  // namespace vmm::store
