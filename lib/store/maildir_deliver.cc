#include "store/maildir_deliver.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <ctime>

#include "sys/error.h"
#include "sys/hostname.h"
#include "sys/random.h"

namespace vmm::store {

namespace {

// Enough for any real collision streak: names differ in Q and 64 random bits.
constexpr int kNameTries = 16;

bool links_unsupported(int err) {
  return err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EMLINK;
}

}  // namespace

std::string maildir_host(std::string_view host) {
  std::string out;
  for (char c : host) {
    if (c == '/') out += "\\057";
    else if (c == ':') out += "\\072";
    else out += c;
  }
  return out;
}

std::string maildir_name(const MaildirNameParts& p) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%" PRId64 ".M%ldP%ldQ%luR%016" PRIx64 ".", p.sec, p.usec,
                static_cast<long>(p.pid), p.q, p.random);
  return buf + p.host;
}

MaildirNames::MaildirNames() : MaildirNames(maildir_host(sys::hostname()), ::getpid()) {}

MaildirNames::MaildirNames(std::string host, pid_t pid) : host_(std::move(host)), pid_(pid) {}

std::string MaildirNames::next() {
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  MaildirNameParts parts{now.tv_sec, now.tv_nsec / 1000, pid_, ++q_, sys::random_u64(), host_};
  return maildir_name(parts);
}

MaildirMessage::MaildirMessage(std::string maildir, MaildirNames& names)
    : maildir_(std::move(maildir)) {
  for (int tries = 0;; ++tries) {
    tmp_path_ = maildir_ + "/tmp/" + names.next();
    int fd = ::open(tmp_path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      fd_ = sys::Fd(fd);
      return;
    }
    if (errno == EINTR || (errno == EEXIST && tries < kNameTries)) continue;
    int err = errno;
    tmp_path_.clear();
    throw errno_error("create a file in " + maildir_ + "/tmp", err);
  }
}

MaildirMessage::~MaildirMessage() { discard(); }

void MaildirMessage::discard() noexcept {
  if (!delivered_ && !tmp_path_.empty()) ::unlink(tmp_path_.c_str());
  tmp_path_.clear();
}

void MaildirMessage::write(std::string_view bytes) { sys::write_all(fd_.get(), bytes, tmp_path_); }

void MaildirMessage::sync() { sys::fsync_fd(fd_.get(), tmp_path_); }

std::uint64_t MaildirMessage::size() const {
  struct stat st;
  if (::fstat(fd_.get(), &st) != 0) throw_errno("stat " + tmp_path_);
  return static_cast<std::uint64_t>(st.st_size);
}

std::string MaildirMessage::deliver(MaildirNames& names) {
  const std::string suffix = ",S=" + std::to_string(size());
  const std::string base = tmp_path_.substr(tmp_path_.rfind('/') + 1);
  std::string target = maildir_ + "/new/" + base + suffix;
  bool use_rename = false;
  for (int tries = 0;; ++tries) {
    int rc = use_rename ? ::renameat2(AT_FDCWD, tmp_path_.c_str(), AT_FDCWD, target.c_str(),
                                      RENAME_NOREPLACE)
                        : ::link(tmp_path_.c_str(), target.c_str());
    if (rc == 0) break;
    int err = errno;
    if (err == EINTR) continue;
    if (!use_rename && links_unsupported(err)) {
      use_rename = true;
      continue;
    }
    if (err == EEXIST && tries < kNameTries) {
      target = maildir_ + "/new/" + names.next() + suffix;
      continue;
    }
    throw errno_error("move " + tmp_path_ + " into " + maildir_ + "/new", err);
  }
  if (!use_rename) ::unlink(tmp_path_.c_str());  // the message is safe in new/ already
  delivered_ = true;
  try {
    sys::fsync_dir(maildir_ + "/new");
  } catch (...) {
    // Not known to be on disk: take it back, so a retry cannot duplicate it.
    ::unlink(target.c_str());
    throw;
  }
  return target;
}

}  // namespace vmm::store
