#include "store/maildir_fill.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::store {
namespace {

void set_times(int fd, const struct timespec& atime, const struct timespec& mtime,
               const std::string& path) {
  const struct timespec times[2] = {atime, mtime};
  if (::futimens(fd, times) != 0) throw_errno("set the time of " + path);
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

// fd's whole content equals bytes (read in pieces, never more than it has).
bool same_bytes(int fd, std::string_view bytes, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) throw_errno("stat " + path);
  if (!S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) != bytes.size()) return false;
  char buf[64 * 1024];
  std::size_t at = 0;
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("read " + path);
    if (n == 0) return at == bytes.size();
    if (at + static_cast<std::size_t>(n) > bytes.size() ||
        std::memcmp(buf, bytes.data() + at, static_cast<std::size_t>(n)) != 0)
      return false;
    at += static_cast<std::size_t>(n);
  }
}

sys::Fd open_dir(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw_errno("open " + path);
  return sys::Fd(fd);
}

// The message files of a Maildir and its folders, relative to it.
std::unordered_set<std::string> message_files(const std::string& maildir) {
  std::unordered_set<std::string> out;
  auto add = [&](const std::string& prefix) {
    for (const char* sub : {"cur/", "new/", "tmp/"})
      for (const sys::DirEntry& e : sys::dir_entries(maildir + "/" + prefix + sub))
        if (e.type != sys::DirEntry::directory) out.insert(prefix + sub + e.name);
  };
  add("");
  for (const sys::DirEntry& e : sys::dir_entries(maildir))
    if (e.type == sys::DirEntry::directory && e.name.starts_with(".") && e.name != "." && e.name != "..")
      add(e.name + "/");
  return out;
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

void write_import_record(const std::string& dir, const std::string& hash) {
  std::string path = dir + "/" + kImportRecord;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("create " + path);
  sys::Fd out(fd);
  sys::write_all(out.get(), hash + "\n", path);
  out.close();
}

std::optional<std::string> read_import_record(const std::string& dir) {
  std::string path = dir + "/" + kImportRecord;
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) return std::nullopt;
    throw_errno("open " + path);
  }
  sys::Fd in(fd);
  struct stat st;
  if (::fstat(in.get(), &st) != 0) throw_errno("stat " + path);
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  std::string text = sys::read_bounded(in.get(), 4096, path);
  if (text.empty() || text.back() != '\n' || text.find('\n') != text.size() - 1) return std::nullopt;
  text.pop_back();
  return text;
}

std::string import_message_name(const FillMessage& m, std::string_view host) {
  char unique[32];
  std::snprintf(unique, sizeof unique, ".I%010llu.", static_cast<unsigned long long>(m.number));
  return std::to_string(m.series) + unique + std::string(host) + ",S=" + std::to_string(m.bytes.size()) +
         ":2," + std::string(m.flags);
}

MaildirFill::MaildirFill(std::string maildir, std::string host, FillMode mode)
    : maildir_(std::move(maildir)), host_(std::move(host)), mode_(mode) {
  cur_ = open_dir(maildir_ + "/cur");  // names relative to it: no path walk per message
  if (mode_ == FillMode::resume) existing_ = message_files(maildir_);
}

void MaildirFill::add(const FillMessage& m) {
  const std::size_t size = m.bytes.size();  // m.bytes may be handed over below
  const std::string name = import_message_name(m, host_);
  const std::string path = maildir_ + "/cur/" + name;
  const struct timespec t{m.mtime ? static_cast<std::time_t>(*m.mtime) : 0, m.mtime ? 0 : UTIME_NOW};
  if (mode_ == FillMode::resume && keep_existing("cur/" + name, m.bytes, "")) {
    const struct timespec times[2] = {t, t};
    // an earlier run may have died before setting them
    if (::utimensat(cur_.get(), name.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
      throw_errno("set the time of " + path);
  } else {
    int raw = ::openat(cur_.get(), name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (raw < 0) {
      if (errno == EEXIST) throw Error(ErrorClass::permanent, path + " already exists");
      throw_errno("create " + path);
    }
    sys::Fd fd(raw);
    if (added_ >= kWrittenInPlace) {
      if (!behind_) behind_ = std::make_unique<WriteBehind>(cur_.get(), maildir_ + "/cur");
      std::string* bytes = m.storage;
      if (!bytes || bytes->data() != m.bytes.data() || bytes->size() != m.bytes.size())
        bytes = &scratch_.assign(m.bytes);
      behind_->hand_over(std::move(fd), name, *bytes, t);
    } else {
      try {
        write_timed(fd, m.bytes, t, path);
      } catch (...) {
        ::unlinkat(cur_.get(), name.c_str(), 0);
        throw;
      }
    }
  }
  ++added_;
  ++messages_;
  bytes_ += size;
}

// Resuming: rel (relative to the Maildir) is kept when it is there with
// exactly these bytes (or from_path's, when given); one with other bytes
// is an earlier run's half-written file and goes.
bool MaildirFill::keep_existing(const std::string& rel, std::string_view bytes, const std::string& from_path) {
  if (!existing_.contains(rel)) return false;
  const std::string path = maildir_ + "/" + rel;
  int raw = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  bool same = false;
  if (raw >= 0) {
    sys::Fd fd(raw);
    if (from_path.empty()) {
      same = same_bytes(fd.get(), bytes, path);
    } else {
      sys::MappedFile from(from_path);
      same = same_bytes(fd.get(), from.bytes(), path);
    }
  } else if (errno != ELOOP && errno != ENOENT) {
    throw_errno("open " + path);
  }
  if (!same && ::unlink(path.c_str()) != 0 && errno != ENOENT) throw_errno("remove " + path);
  kept_.insert(rel);  // kept, or written again now: not a leftover either way
  return same;
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
  const std::string rel = std::string(sub) + "/" + name;
  const std::string path = maildir_ + "/" + rel;
  if (mode_ == FillMode::resume && keep_existing(rel, {}, from)) {
    // the earlier run copied it; its times may not be set yet
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    if (::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
      throw_errno("set the time of " + path);
  } else {
    int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
      if (errno == EEXIST) throw Error(ErrorClass::permanent, path + " already exists");
      throw_errno("create " + path);
    }
    sys::Fd fd(out);
    try {
      copy_bytes(in.get(), fd.get(), from, path);
      set_times(fd.get(), st.st_atim, st.st_mtim, path);
      fd.close();
    } catch (...) {
      ::unlink(path.c_str());
      throw;
    }
  }
  ++messages_;
  bytes_ += static_cast<std::uint64_t>(st.st_size);
}

void MaildirFill::finish() {
  if (behind_) {
    behind_->finish();
    behind_.reset();
  }
  if (mode_ != FillMode::resume) return;
  for (const std::string& rel : existing_) {
    if (kept_.contains(rel)) continue;
    const std::string path = maildir_ + "/" + rel;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_errno("remove " + path);
  }
  existing_.clear();
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
