#include "store/file_rewrite.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"

namespace vmm::store {

bool rewrite_file(const std::string& path, std::size_t max_bytes, const FileEdit& edit) {
  std::string text;
  std::optional<std::string> old;
  if (sys::read_file_if_exists(path, max_bytes, text)) old = std::move(text);
  std::optional<std::string> updated = edit(old);
  if (!updated || updated == old) return false;

  struct stat st {};
  bool had = false;
  if (old) {
    if (::lstat(path.c_str(), &st) != 0) throw_errno("look at " + path);
    if (!S_ISREG(st.st_mode))  // a rename would replace a symlink by a file
      throw Error(ErrorClass::permanent, path + " is not a regular file; change it by hand");
    had = true;
  }
  const mode_t mode = had ? (st.st_mode & 07777) : 0644;
  sys::FileReplacement file(path, sys::temp_beside(path), mode);
  if (had && (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
      ::fchown(file.fd(), st.st_uid, st.st_gid) != 0)
    throw_errno("change the owner of " + file.temp());
  if (had && ::fchmod(file.fd(), mode) != 0)  // fchown clears set-id bits
    throw_errno("change the mode of " + file.temp());
  sys::write_all(file.fd(), *updated, file.temp());
  file.commit(sys::FileReplacement::Sync::file);
  sys::fsync_dir(sys::directory_of(path));
  return true;
}

}  // namespace vmm::store
