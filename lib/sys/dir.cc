#include "sys/dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::sys {

void change_dir(const std::string& path) {
  if (::chdir(path.c_str()) != 0) throw_errno("change directory to " + path);
}

FileKind file_kind(const std::string& path, Links links) {
  struct stat st;
  int rc = links == Links::follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
  if (rc == 0) return S_ISDIR(st.st_mode) ? FileKind::directory : FileKind::other;
  if (errno == ENOENT || errno == ENOTDIR) return FileKind::missing;
  throw_errno("look at " + path);
}

bool is_directory(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  switch (errno) {
    case ENOENT: case ENOTDIR: case EACCES: case ELOOP: case ENAMETOOLONG:
      return false;
    default:
      throw_errno("stat " + path);
  }
}

bool make_dir(const std::string& path, mode_t mode) {
  if (::mkdir(path.c_str(), mode) == 0) return true;
  if (errno == EEXIST) return false;
  throw_errno("create " + path);
}

void make_owned_dir(const std::string& path, mode_t mode, uid_t uid, gid_t gid) {
  if (::mkdir(path.c_str(), 0700) != 0) throw_errno("create " + path);
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw_errno("open " + path);
  int rc = ::fchown(fd, uid, gid);
  int err = errno;
  if (rc == 0) {
    rc = ::fchmod(fd, mode);
    err = errno;
  }
  ::close(fd);
  if (rc != 0) throw errno_error("give " + path + " to uid " + std::to_string(uid), err);
}

bool rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS) throw_errno("move " + from + " to " + to);
  if (file_kind(to, Links::no_follow) != FileKind::missing) return false;
  if (::rename(from.c_str(), to.c_str()) != 0) throw_errno("move " + from + " to " + to);
  return true;
}

std::vector<DirEntry> dir_entries(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    throw_errno("read directory " + dir);
  }
  const Fd owned(fd);
  return dir_entries_at(fd, dir);
}

std::vector<DirEntry> dir_entries_at(int fd, const std::string& what) {
  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) throw_errno("read directory " + what);
  std::unique_ptr<DIR, int (*)(DIR*)> d(::fdopendir(copy), ::closedir);
  if (!d) {
    ::close(copy);
    throw_errno("read directory " + what);
  }
  ::rewinddir(d.get());  // the duplicate shares fd's offset: an earlier listing moved it
  std::vector<DirEntry> entries;
  for (;;) {
    errno = 0;
    struct dirent* e = ::readdir(d.get());
    if (!e) {
      if (errno != 0) throw_errno("read directory " + what);
      return entries;
    }
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {
      struct stat st;
      if (::fstatat(::dirfd(d.get()), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        throw_errno("look at " + what + "/" + name);
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
    }
    entries.push_back({std::move(name), type == DT_DIR   ? DirEntry::directory
                                        : type == DT_REG ? DirEntry::regular
                                                         : DirEntry::other});
  }
}

bool remove_empty_dir(const std::string& path) { return ::rmdir(path.c_str()) == 0; }

bool remove_file(const std::string& path) {
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  throw_errno("remove " + path);
}

void make_symlink(const std::string& target, const std::string& path) {
  if (::symlink(target.c_str(), path.c_str()) != 0) throw_errno("create the symbolic link " + path);
}

std::optional<std::string> read_symlink(const std::string& path) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) {
      if (errno == ENOENT || errno == EINVAL || errno == ENOTDIR) return std::nullopt;
      throw_errno("read the link " + path);
    }
    if (static_cast<std::size_t>(n) < buf.size()) return buf.substr(0, static_cast<std::size_t>(n));
    if (buf.size() >= 65536) throw errno_error("read the link " + path, ENAMETOOLONG);
    buf.resize(buf.size() * 4);  // it may have been cut: ask again with more room
  }
}

bool exchange_paths(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno == EINVAL || errno == ENOSYS) return false;
  throw_errno("exchange " + a + " and " + b);
}

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace vmm::sys
