#include "store/maildir_quota.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <utility>
#include <vector>

#include "store/maildir_deliver.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"

namespace vmm::store {

namespace {

constexpr std::size_t kRecomputeSize = 5120;  // Maildir++: a file this big is rebuilt
constexpr std::time_t kStaleSeconds = 15 * 60;

using Dir = std::unique_ptr<DIR, int (*)(DIR*)>;

Dir open_dir(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (!d && errno != ENOENT && errno != ENOTDIR) throw_errno("open directory " + path);
  return Dir(d, ::closedir);
}

// The size a Maildir name carries (",S=<digits>" ending the name or followed
// by ':' or ','), or -1 when it has none.
long long size_from_name(std::string_view name) {
  std::size_t at = name.find(",S=");
  if (at == std::string_view::npos) return -1;
  long long size = 0;
  std::size_t i = at + 3;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) {
    if (size > (1LL << 50)) return -1;
    size = size * 10 + (name[i] - '0');
  }
  if (i == at + 3 || (i < name.size() && name[i] != ':' && name[i] != ',')) return -1;
  return size;
}

// When each scanned directory was last changed, so a recount can tell
// whether a delivery or an expunge happened while it counted.
using Stamps = std::vector<std::pair<std::string, struct timespec>>;

struct timespec changed_at(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return {};
  return st.st_mtim;
}

bool same_time(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

void sum_dir(const std::string& dir, QuotaUsage& usage, Stamps* stamps) {
  if (stamps) stamps->emplace_back(dir, changed_at(dir));
  Dir d = open_dir(dir);
  if (!d) return;
  errno = 0;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    long long size = size_from_name(name);
    if (size < 0) {
      struct stat st;
      std::string path = dir + "/" + std::string(name);
      if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) continue;  // moved or expunged meanwhile
        throw_errno("stat " + path);
      }
      size = st.st_size;
    }
    usage.bytes += static_cast<std::uint64_t>(size);
    usage.count += 1;
    errno = 0;
  }
  if (errno != 0) throw_errno("read directory " + dir);
}

// The limits as maildirsize can hold them: a 0 there means none.
fmt::QuotaLimits as_written(fmt::QuotaLimits limits) {
  if (limits.bytes == 0u) limits.bytes.reset();
  if (limits.count == 0u) limits.count.reset();
  return limits;
}

QuotaUsage scan(const std::string& maildir, Stamps* stamps) {
  QuotaUsage usage;
  sum_dir(maildir + "/new", usage, stamps);
  sum_dir(maildir + "/cur", usage, stamps);
  Dir d = open_dir(maildir);
  if (!d) return usage;
  errno = 0;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string_view name = e->d_name;
    if (name.size() < 2 || name[0] != '.' || name == "..") continue;  // folders are ".Name"
    std::string folder = maildir + "/" + std::string(name);
    sum_dir(folder + "/new", usage, stamps);
    sum_dir(folder + "/cur", usage, stamps);
    errno = 0;
  }
  if (errno != 0) throw_errno("read directory " + maildir);
  return usage;
}

}  // namespace

QuotaUsage scan_maildir(const std::string& maildir) { return scan(maildir, nullptr); }

std::string quota_excess(const fmt::QuotaLimits& limits, const QuotaUsage& usage,
                         std::uint64_t message_size) {
  if (limits.bytes && usage.bytes + message_size > *limits.bytes)
    return std::to_string(usage.bytes) + " of " + std::to_string(*limits.bytes) +
           " bytes used, the message needs " + std::to_string(message_size);
  if (limits.count && usage.count + 1 > *limits.count)
    return std::to_string(usage.count) + " of at most " + std::to_string(*limits.count) +
           " messages stored";
  return {};
}

MaildirQuota::MaildirQuota(std::string maildir, fmt::QuotaLimits limits, std::time_t now)
    : maildir_(std::move(maildir)), limits_(limits), now_(now) {}

QuotaUsage MaildirQuota::usage(std::uint64_t message_size) {
  std::string text;
  struct stat st {};
  int fd = ::open(path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT && errno != ELOOP) throw_errno("open " + path());
    return recompute();
  }
  sys::Fd owner(fd);
  if (::fstat(fd, &st) != 0) throw_errno("stat " + path());
  if (!S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) >= kRecomputeSize)
    return recompute();
  try {
    text = sys::read_bounded(fd, kRecomputeSize, path());
  } catch (const Error& e) {
    if (e.err() != 0) throw;
    return recompute();  // grew past the bound while we read
  }
  std::optional<fmt::MaildirSize> parsed = fmt::parse_maildirsize(text);
  if (!parsed || !(parsed->limits == as_written(limits_))) return recompute();
  QuotaUsage usage{static_cast<std::uint64_t>(parsed->bytes),
                   static_cast<std::uint64_t>(parsed->count)};
  bool stale = parsed->change_lines > 1 || st.st_mtime < now_ - kStaleSeconds;
  if (stale && !quota_excess(limits_, usage, message_size).empty()) return recompute();
  return usage;
}

QuotaUsage MaildirQuota::recompute() {
  Stamps stamps;
  QuotaUsage usage = scan(maildir_, &stamps);
  MaildirNames names;
  sys::FileReplacement file(path(), maildir_ + "/tmp/" + names.next() + ".maildirsize", 0600);
  sys::write_all(file.fd(), fmt::format_maildirsize(limits_, usage.bytes, usage.count), file.temp());
  // Mail came or went while we counted: the count may be off by it, so it
  // is not written down; the next delivery counts again (Dovecot's rule).
  for (const auto& [dir, at] : stamps)
    if (!same_time(changed_at(dir), at)) return usage;
  file.commit(sys::FileReplacement::Sync::none);
  return usage;
}

void MaildirQuota::add(std::int64_t bytes, std::int64_t count) {
  int fd = ::open(path().c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return;
    throw_errno("open " + path());
  }
  sys::Fd owner(fd);
  // One write of a short line with O_APPEND: concurrent deliveries never mix lines.
  sys::write_all(fd, fmt::format_quota_change(bytes, count), path());
  owner.close();
}

}  // namespace vmm::store
