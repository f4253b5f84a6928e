#include "store/last_login.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "store/table.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::store {
namespace {

// The file name of an account: its table key. Account names never hold
// '/', are never "." or ".." (SPEC §3.5), but a table written by another
// tool may hold any key: such a key names no file.
std::string file_name(std::string_view name) {
  std::string key = table_key(name);
  if (key.empty() || key == "." || key == ".." || key.find('/') != std::string::npos ||
      key.find('\0') != std::string::npos) {
    for (char& c : key)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    throw Error(ErrorClass::permanent, "account name '" + key + "' cannot name a last-login file");
  }
  return key;
}

// The directory itself is opened without following a symlink at its place;
// ENOENT is returned as an invalid Fd when missing_ok.
sys::Fd open_dir(const std::string& dir, bool missing_ok) {
  int fd;
  do fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    if (missing_ok && errno == ENOENT) return sys::Fd();
    throw_errno("open directory " + dir);
  }
  return sys::Fd(fd);
}

}  // namespace

void LastLogins::record(std::string_view name, std::time_t when) const {
  const std::string file = file_name(name);
  sys::Fd dir = open_dir(dir_, true);
  if (!dir.valid()) {
    if (::mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST) throw_errno("create " + dir_);
    dir = open_dir(dir_, false);
  }
  const struct timespec times[2] = {{when, 0}, {when, 0}};
  // The common case, every login but the first: one system call.
  if (::utimensat(dir.get(), file.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0) return;
  if (errno != ENOENT) throw_errno("set the time of " + dir_ + "/" + file);
  int fd;
  do fd = ::openat(dir.get(), file.c_str(),
                   O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) throw_errno("create " + dir_ + "/" + file);
  sys::Fd made(fd);
  if (::futimens(made.get(), times) != 0) throw_errno("set the time of " + dir_ + "/" + file);
  made.close();
}

std::optional<std::time_t> LastLogins::find(std::string_view name) const {
  const std::string file = file_name(name);
  struct stat st;
  const std::string path = dir_ + "/" + file;
  if (::fstatat(AT_FDCWD, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) return st.st_mtim.tv_sec;
  if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
  throw_errno("look at " + path);
}

void LastLogins::forget(std::string_view name) const {
  const std::string path = dir_ + "/" + file_name(name);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR)
    throw_errno("remove " + path);
}

void LastLogins::rename(std::string_view from, std::string_view to) const {
  const std::string a = dir_ + "/" + file_name(from), b = dir_ + "/" + file_name(to);
  if (::rename(a.c_str(), b.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR)
    throw_errno("rename " + a + " to " + b);
}

}  // namespace vmm::store
