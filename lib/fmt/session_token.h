// The web pages' session token (vmailmgr.cgi(8), SPEC §18): who is logged in,
// with which authority, until when, and a stamp of the stored password hash,
// signed with HMAC-SHA256 under a host key only the daemon can read. Bytes
// only here: the key, the clock and the stamp come from the caller.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vmm::fmt {

struct SessionClaims {
  std::string domain;
  std::string user;     // "" for a domain administrator's session
  bool admin = false;   // admin password (true) or the account's own
  std::int64_t expires = 0;  // seconds since the epoch
  std::string stamp;    // derived from the stored hash: a password change kills the token
  bool operator==(const SessionClaims&) const = default;
};

// "v1." then hex(domain) "." hex(user) "." a|o "." expires "." hex(stamp)
// "." the HMAC in hex: only cookie-safe characters, whatever the names hold.
std::string session_token_make(std::string_view key, const SessionClaims& claims);

// The claims of a token made with key that has not expired at now; nullopt
// for anything else (malformed, another key, altered, expired). The MAC is
// compared in constant time before any field is trusted.
std::optional<SessionClaims> session_token_check(std::string_view key, std::string_view token,
                                                 std::int64_t now);

}  // namespace vmm::fmt
