#include "store/maildir_fill.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include "store/maildir_deliver.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/random.h"

namespace vmm::store {
namespace {

// Creates path for writing, never replacing or following anything there.
sys::Fd create_new(const std::string& path) {
  for (;;) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) return sys::Fd(fd);
    if (errno == EINTR) continue;
    if (errno == EEXIST) throw Error(ErrorClass::permanent, path + " already exists");
    throw_errno("create " + path);
  }
}

void set_times(int fd, const struct timespec& atime, const struct timespec& mtime,
               const std::string& path) {
  const struct timespec times[2] = {atime, mtime};
  if (::futimens(fd, times) != 0) throw_errno("set the time of " + path);
}

// Closes fd and, when anything failed on the way, removes the half-made path.
template <typename Fill>
void fill_new(const std::string& path, Fill fill) {
  sys::Fd fd = create_new(path);
  try {
    fill(fd.get());
    fd.close();
  } catch (...) {
    ::unlink(path.c_str());
    throw;
  }
}

void copy_bytes(int from, int to, const std::string& from_path, const std::string& to_path) {
  bool plain = false;
  char buf[64 * 1024];
  for (;;) {
    ssize_t n;
    if (!plain) {
      n = ::copy_file_range(from, nullptr, to, nullptr, 1 << 30, 0);
      if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)) {
        plain = true;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw_errno("copy " + from_path + " to " + to_path);
      if (n == 0) return;
      continue;
    }
    n = ::read(from, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("read " + from_path);
    if (n == 0) return;
    sys::write_all(to, std::string_view(buf, static_cast<std::size_t>(n)), to_path);
  }
}

}  // namespace

bool has_incomplete_marker(const std::string& dir) {
  struct stat st;
  std::string path = dir + "/" + kIncompleteMarker;
  if (::lstat(path.c_str(), &st) == 0) return S_ISREG(st.st_mode);
  if (errno == ENOENT || errno == ENOTDIR) return false;
  throw_errno("look at " + path);
}

void mark_incomplete(const std::string& dir) {
  std::string path = dir + "/" + kIncompleteMarker;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("create " + path);
  sys::Fd(fd).close();
}

void unmark_incomplete(const std::string& dir) {
  std::string path = dir + "/" + kIncompleteMarker;
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_errno("remove " + path);
}

MaildirFill::MaildirFill(std::string maildir, std::string host) : maildir_(std::move(maildir)) {
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  parts_ = {now.tv_sec, now.tv_nsec / 1000, ::getpid(), 0, sys::random_u64(), std::move(host)};
}

std::string MaildirFill::add(std::string_view bytes, std::string_view flags,
                             std::optional<std::int64_t> mtime) {
  ++parts_.q;
  std::string name = maildir_name(parts_) + ",S=" + std::to_string(bytes.size()) + ":2," + std::string(flags);
  std::string path = maildir_ + "/cur/" + name;
  fill_new(path, [&](int fd) {
    sys::write_all(fd, bytes, path);
    if (mtime) {
      struct timespec t{static_cast<std::time_t>(*mtime), 0};
      set_times(fd, t, t, path);
    }
  });
  ++messages_;
  bytes_ += bytes.size();
  return path;
}

void MaildirFill::copy(const std::string& from, std::string_view sub, const std::string& name) {
  int raw = ::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (raw < 0) {
    if (errno == ELOOP) throw Error(ErrorClass::permanent, from + " is not a regular file");
    throw_errno("open " + from);
  }
  sys::Fd in(raw);
  struct stat st;
  if (::fstat(in.get(), &st) != 0) throw_errno("stat " + from);
  if (!S_ISREG(st.st_mode)) throw Error(ErrorClass::permanent, from + " is not a regular file");
  std::string path = maildir_ + "/" + std::string(sub) + "/" + name;
  fill_new(path, [&](int fd) {
    copy_bytes(in.get(), fd, from, path);
    set_times(fd, st.st_atim, st.st_mtim, path);
  });
  ++messages_;
  bytes_ += static_cast<std::uint64_t>(st.st_size);
}

void create_maildir_folder(const std::string& maildir, const std::string& name) {
  const std::string folder = maildir + "/." + name;
  for (const std::string& dir : {folder, folder + "/cur", folder + "/new", folder + "/tmp"})
    if (!sys::make_dir(dir, 0700) && sys::file_kind(dir, sys::Links::no_follow) != sys::FileKind::directory)
      throw Error(ErrorClass::permanent, dir + " exists and is not a directory");
  std::string marker = folder + "/maildirfolder";
  int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("create " + marker);
  sys::Fd(fd).close();
}

}  // namespace vmm::store
