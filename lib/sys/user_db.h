// The system user database (getpwnam_r / getspnam_r), behind plain values.
#pragma once
#include <pwd.h>
#include <shadow.h>
#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>

namespace vmm::sys {

struct PasswdEntry {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home, shell;
};

// nullopt when no such user (also for an empty name or one containing NUL,
// which getpwnam could not be asked about). Any other failure (EIO, an
// unreachable NSS service, an entry too large) throws a temporary Error
// "unable to look up user NAME: ...", so it is never mistaken for "no user".
// call is the libc function; tests pass a fake to provoke its failures.
using GetpwnamFn = int (*)(const char*, struct passwd*, char*, std::size_t, struct passwd**);
std::optional<PasswdEntry> getpw(const std::string& name, GetpwnamFn call = ::getpwnam_r);

// The shadow password hash of name; nullopt when there is none or the shadow
// database cannot be read by this process (EACCES, EPERM: not root). Other
// failures throw a temporary Error like getpw. The copy in our buffer is wiped.
using GetspnamFn = int (*)(const char*, struct spwd*, char*, std::size_t, struct spwd**);
std::optional<std::string> getsp_password(const std::string& name,
                                          GetspnamFn call = ::getspnam_r);

}  // namespace vmm::sys
