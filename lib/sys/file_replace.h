// Replacing a file in one step: the new content is written to a temporary
// file beside it and renamed over it, so a reader sees the old file or the
// new one, whole, never a part or nothing (the account table, Maildir++
// maildirsize, .qmail-default).
#pragma once
#include <sys/types.h>

#include <string>

#include "sys/fd.h"

namespace vmm::sys {

class FileReplacement {
 public:
  enum class Sync { none, file };  // fsync the new file before the rename?

  // Creates temp (O_EXCL, never following a symlink) with exactly mode,
  // whatever the umask. temp must be unique to this writer and in path's
  // directory (temp_beside); a leftover there, of a writer that died with the
  // same name, is removed first. Errors: errno_error("open TEMP"),
  // ("change the mode of TEMP").
  FileReplacement(std::string path, std::string temp, mode_t mode);
  // Not committed: the temporary file is removed.
  ~FileReplacement();
  FileReplacement(const FileReplacement&) = delete;
  FileReplacement& operator=(const FileReplacement&) = delete;

  int fd() const { return fd_.get(); }
  const std::string& temp() const { return temp_; }

  // (fsync,) close, rename over path. The directory itself is not synced:
  // callers that need the rename durable call fsync_dir. On failure the
  // temporary file is removed and errno_error thrown.
  void commit(Sync sync);

 private:
  std::string path_, temp_;
  Fd fd_;
  bool done_ = false;
};

// PATH.tmp.PID: a temporary name beside path, unique to this process.
std::string temp_beside(const std::string& path);

// Keeps path's current content as copy, never leaving copy missing or half
// made: a hard link under a temporary name, renamed over copy.
void keep_copy(const std::string& path, const std::string& copy);

}  // namespace vmm::sys
