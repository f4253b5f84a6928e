#include "daemon/session_key.h"

#include <fcntl.h>

#include <cerrno>
#include <stdexcept>

#include "domain/password.h"
#include "fmt/sha256.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"
#include "sys/file_status.h"
#include "sys/random.h"

namespace vmm::daemon {
namespace {

constexpr std::int64_t kMaxIdle = 31536000;

// The key in an open file, after the checks that make it a secret.
std::string read_checked(const sys::Fd& fd, const std::string& path, uid_t owner) {
  const sys::FileStatus st = sys::file_status(fd.get(), path);
  const std::string must = "session key file " + path + " must be ";
  if (!st.regular) throw Error(ErrorClass::permanent, must + "a regular file");
  if (st.owner != owner)
    throw Error(ErrorClass::permanent, must + "owned by uid " + std::to_string(owner) +
                                           ", not uid " + std::to_string(st.owner));
  if (st.permissions & 077)
    throw Error(ErrorClass::permanent,
                must + "readable by its owner alone (mode 0600), not " + sys::permissions_text(st.permissions));
  if (st.size != kSessionKeyBytes)
    throw Error(ErrorClass::permanent, must + std::to_string(kSessionKeyBytes) +
                                           " bytes long, not " + std::to_string(st.size));
  std::string key = sys::read_bounded(fd.get(), kSessionKeyBytes + 1, path);
  if (key.size() != kSessionKeyBytes) {  // changed under us
    domain::wipe(key);
    throw Error(ErrorClass::temporary, "session key file " + path + " changed while it was read");
  }
  return key;
}

// A new key beside path, moved into place unless another daemon was first.
void create_key(const std::string& path) {
  const std::string temp = sys::temp_beside(path);
  sys::remove_file(temp);  // a leftover of a daemon that died with our pid
  std::string key(kSessionKeyBytes, '\0');
  try {
    sys::Fd fd = sys::open_file(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    sys::random_fill(key.data(), key.size());
    sys::write_all(fd.get(), key, temp);
    sys::fsync_fd(fd.get(), temp);
    fd.close();
    domain::wipe(key);
    if (sys::rename_no_replace(temp, path)) {
      sys::fsync_dir(sys::directory_of(path));
    } else {
      sys::remove_file(temp);
    }
  } catch (...) {
    domain::wipe(key);
    try {
      sys::remove_file(temp);
    } catch (const Error&) {  // the first failure is the one to report
    }
    throw;
  }
}

}  // namespace

std::string session_key_path(const domain::Config& global) {
  std::string path = global.str("session-key-file");
  if (path.empty()) throw Error(ErrorClass::permanent, "the setting session-key-file is empty");
  if (path[0] != '/') path = global.global_dir() + "/" + path;
  return path;
}

std::int64_t session_idle_seconds(const domain::Config& global) {
  fmt::Limit idle = global.number("session-idle");
  if (!idle || *idle == 0 || *idle > static_cast<std::uint64_t>(kMaxIdle))
    throw Error(ErrorClass::permanent, "the setting session-idle must be 1 to " +
                                           std::to_string(kMaxIdle) + " seconds");
  return static_cast<std::int64_t>(*idle);
}

std::string read_or_create_session_key(const std::string& path, uid_t owner) {
  for (int attempt = 0;; ++attempt) {
    try {
      sys::Fd fd = sys::open_file(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
      return read_checked(fd, path, owner);
    } catch (const Error& e) {
      if (e.err() == ELOOP)
        throw Error(ErrorClass::permanent, "session key file " + path + " must not be a symbolic link");
      if (e.err() != ENOENT || attempt > 0) throw;
    }
    create_key(path);
  }
}

SessionKeySource::~SessionKeySource() {
  if (key_) domain::wipe(*key_);
}

const std::string& SessionKeySource::key() {
  if (!key_) key_ = read_or_create_session_key(session_key_path(global_), owner_);
  return *key_;
}

std::string SessionKeySource::stamp(std::string_view label, std::string_view hash) const {
  if (!key_) throw std::logic_error("session stamp without a key");
  std::string message(label);
  message += '\0';
  message += hash;
  const fmt::Sha256Digest mac = fmt::hmac_sha256(*key_, message);
  domain::wipe(message);
  return std::string(reinterpret_cast<const char*>(mac.data()), 16);
}

}  // namespace vmm::daemon
