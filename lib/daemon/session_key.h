// The host key of the web pages' session tokens (vmailmgr.cgi(8),
// fmt/session_token.h): 32 random bytes in a file only root may read,
// setting session-key-file (default "session-key" in the global settings
// directory). vmailmgrd reads it while still root, before it becomes a base
// user, and makes it on first use. A key others could read, or one that is
// not exactly 32 bytes, is never used: sessions are refused until the
// administrator fixes the file.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/config.h"

namespace vmm::daemon {

inline constexpr std::size_t kSessionKeyBytes = 32;

// The key file the global settings name: session-key-file, a relative path
// taken in the global settings directory. Empty is Error(permanent).
std::string session_key_path(const domain::Config& global);

// How long a token lives after it is issued or renewed: session-idle,
// seconds, 1 to 31536000 (a year); anything else (unlimited "-", 0, more)
// is Error(permanent).
std::int64_t session_idle_seconds(const domain::Config& global);

// The key in path: a regular file (never followed through a symlink) owned
// by owner (root for vmailmgrd), no permission for group or others, exactly
// kSessionKeyBytes long, else Error(permanent, "session key file PATH must
// be ..."). A missing file is made: random bytes written to a temporary
// file beside it (0600), moved into place only when nothing is there yet —
// two daemons racing both end up with the winner's key, never a partial
// file. The directory must exist. Read and write failures throw by errno.
std::string read_or_create_session_key(const std::string& path, uid_t owner);

// The key of one daemon process, from the file global names
// (session_key_path), read the first time it is asked for (lazily: a
// request that holds no token never touches the file). A failure is not
// kept: it is thrown again next time.
class SessionKeySource {
 public:
  SessionKeySource(const domain::Config& global, uid_t owner) : global_(global), owner_(owner) {}
  ~SessionKeySource();
  SessionKeySource(const SessionKeySource&) = delete;
  SessionKeySource& operator=(const SessionKeySource&) = delete;

  const std::string& key();
  bool loaded() const { return key_.has_value(); }

  // The stamp of a stored password hash (fmt::SessionClaims::stamp): the
  // first 16 bytes of HMAC-SHA256(key, label NUL hash), so a token shows
  // nothing of the hash, and any change of the hash changes it. The key
  // must be loaded (std::logic_error otherwise).
  std::string stamp(std::string_view label, std::string_view hash) const;

 private:
  const domain::Config& global_;
  uid_t owner_;
  std::optional<std::string> key_;
};

}  // namespace vmm::daemon
