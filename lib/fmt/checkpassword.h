// The checkpassword request on fd 3 (D. J. Bernstein's interface, SPEC §6):
// "login NUL password NUL [timestamp NUL]", at most 512 bytes. qmail-popup
// sends an APOP timestamp; Dovecot sends it empty.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::fmt {

inline constexpr std::size_t kCheckpasswordMax = 512;

// One parsed request. The password (and the timestamp, which may be an APOP
// secret) is wiped when the object dies; it is move-only so no unwiped copy
// is made by accident.
struct CheckpasswordRequest {
  std::string login, password, timestamp;
  bool has_timestamp = false;  // false: the input ended right after the password

  CheckpasswordRequest() = default;
  CheckpasswordRequest(CheckpasswordRequest&&) = default;
  CheckpasswordRequest& operator=(CheckpasswordRequest&&) = default;
  CheckpasswordRequest(const CheckpasswordRequest&) = delete;
  CheckpasswordRequest& operator=(const CheckpasswordRequest&) = delete;
  ~CheckpasswordRequest();
};

// Throws Error(usage, "checkpassword input ...") for anything else: more than
// 512 bytes, empty input, no NUL at all, an empty login, a password or
// timestamp without its NUL, bytes after the timestamp's NUL. The message
// never quotes the input (it holds the password).
CheckpasswordRequest parse_checkpassword(std::string_view bytes);

}  // namespace vmm::fmt
