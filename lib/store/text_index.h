// A CDB index derived from text files (qmail's control/virtualdomains and
// control/locals), used only while it is provably up to date, so nobody has
// to rebuild it after editing the text.
//
// The index's first record (key "") names every source file with its
// identity as stat(2) tells it: device, inode, size, mode, mtime and ctime
// with nanoseconds. A reader stats the sources and uses the index only when
// that record is byte for byte what the sources are now; anything else (a
// missing, foreign, corrupt or stale index) sends it back to the text. An
// edit changes ctime (which no one can set back) and a replacement changes
// the inode, so a changed source never matches an old record.
//
// The index is written by readers that may write its directory (root):
// under a lock taken without waiting (a reader never waits for another's
// rebuild; it reads the text meanwhile), to a temporary file renamed over the
// index. It is written only from texts that did not change while they were
// read and whose mtime and ctime are settled (kSettleSeconds in the past):
// a second edit in the same timestamp tick, of the same size, would
// otherwise be invisible in the stamps.
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/cdb_read.h"
#include "fmt/cdb_write.h"
#include "sys/fd.h"

namespace vmm::store {

// What stat(2) tells of a source file; exists false for a missing one.
struct FileStamp {
  bool exists = false;
  std::uint64_t dev = 0, ino = 0, size = 0;
  std::uint32_t mode = 0;  // st_mode: type and permission bits
  std::int64_t mtime_s = 0, mtime_ns = 0, ctime_s = 0, ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// stat(2) of path (following a symlink, as reading it does). ENOENT and
// ENOTDIR give a missing stamp; other failures throw errno_error("stat PATH").
FileStamp stamp_of(const std::string& path);

// A source read whole, with the stamp it had (fstat of the open file).
struct SourceText {
  std::string path;
  FileStamp stamp;
  std::string text;  // empty for a missing file
  bool steady = true;  // false: the file changed while it was read
};

// An index file mapped in memory; lookups go through it.
class IndexFile {
 public:
  IndexFile(sys::MappedFile map, std::string path);
  std::optional<std::string_view> find(std::string_view key) const { return cdb_.find(key); }

 private:
  sys::MappedFile map_;
  fmt::CdbReader cdb_;
};

// Seconds a source's mtime and ctime must lie in the past before an index of
// it is written: more than one tick of any file system's timestamps (FAT's
// are 2 s), so no later edit can carry the same stamp.
inline constexpr std::int64_t kSettleSeconds = 3;

class TextIndex {
 public:
  // The index is dir + name + ".cdb", its writers' lock dir + name + ".lock".
  // dir empty: no index (open_fresh never finds one, store never writes).
  // format names the records' layout and version; an index made with
  // another format is never used. Each source is read at most max_bytes.
  TextIndex(std::string dir, std::string name, std::string format,
            std::vector<std::string> sources, std::size_t max_bytes);

  const std::string& path() const { return path_; }

  // The index when its first record matches the sources' current stamps;
  // nullptr otherwise. Only a regular file owned by root or the effective
  // uid, not writable by group or others, counts: nobody else can forge an
  // answer. Never throws for the index itself; a source that cannot be
  // stat'ed throws.
  std::shared_ptr<const IndexFile> open_fresh() const;

  // Every source, read now. A missing one is empty; other failures throw
  // (errno_error("open PATH"), read errors, "PATH is larger than N bytes").
  std::vector<SourceText> read_sources() const;

  enum class Stored {
    written,    // this call wrote the index
    current,    // an index for exactly these texts was already there
    no_index,   // no directory configured
    unsettled,  // a text changed while read, or too recently (now)
    busy,       // another process is writing the index
    failed,     // the directory is not writable, or a write failed
  };
  // Writes the index for texts (from read_sources) when every rule above
  // allows it: records adds the records after the stamp record. Nothing is
  // thrown: the index only saves time, and the caller has the texts already.
  Stored store(const std::vector<SourceText>& texts, std::time_t now,
               const std::function<void(fmt::CdbWriter&)>& records) const;

  // The first record an index of sources with these stamps holds.
  std::string stamp_record(const std::vector<std::string>& paths,
                           const std::vector<FileStamp>& stamps) const;

 private:
  std::shared_ptr<const IndexFile> open_matching(const std::string& wanted) const;
  void remove_leftovers() const;

  std::string dir_, name_, format_, path_, lock_;
  std::vector<std::string> sources_;
  std::size_t max_bytes_;
};

}  // namespace vmm::store
