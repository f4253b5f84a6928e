#include "sys/user_db.h"

#include <string.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "sys/error.h"

namespace vmm::sys {
namespace {

// getpwnam_r and getspnam_r want a caller buffer; it grows on ERANGE up to this.
constexpr std::size_t kMaxBuffer = 1 << 20;

std::size_t initial_buffer() {
  long n = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  return n > 1024 && n < static_cast<long>(kMaxBuffer) ? static_cast<std::size_t>(n) : 1024;
}

bool askable(const std::string& name) {
  return !name.empty() && name.find('\0') == std::string::npos;
}

// Runs lookup(buffer, found) -> return code of a *_r call, growing the buffer.
// 0, ENOENT and ESRCH mean "found or not" (POSIX lets "not found" be any of
// them); EACCES/EPERM also mean "not found" when denied_is_none. Anything else
// must not read as "no such user", so it is a temporary error.
template <typename Lookup>
bool lookup_grown(const std::string& name, bool denied_is_none, std::vector<char>& buf,
                  Lookup lookup) {
  buf.resize(initial_buffer());
  for (;;) {
    bool found = false;
    int rc = lookup(buf, found);
    if (rc == 0) return found;
    if (rc == EINTR) continue;
    if (rc == ERANGE && buf.size() < kMaxBuffer) {
      explicit_bzero(buf.data(), buf.size());
      buf.resize(buf.size() * 2);
      continue;
    }
    if (rc == ENOENT || rc == ESRCH) return false;
    if (denied_is_none && (rc == EACCES || rc == EPERM)) return false;
    Error e = errno_error("look up user " + name, rc);
    throw Error(ErrorClass::temporary, e.what(), rc);
  }
}

}  // namespace

std::optional<PasswdEntry> getpw(const std::string& name, GetpwnamFn call) {
  if (!askable(name)) return std::nullopt;
  std::vector<char> buf;
  struct passwd pw;
  bool found = lookup_grown(name, false, buf, [&](std::vector<char>& b, bool& f) {
    struct passwd* result = nullptr;
    int rc = call(name.c_str(), &pw, b.data(), b.size(), &result);
    f = result != nullptr;
    return rc;
  });
  if (!found) return std::nullopt;
  return PasswdEntry{pw.pw_name, pw.pw_uid, pw.pw_gid, pw.pw_dir ? pw.pw_dir : "",
                     pw.pw_shell ? pw.pw_shell : ""};
}

std::optional<std::string> getsp_password(const std::string& name, GetspnamFn call) {
  if (!askable(name)) return std::nullopt;
  std::vector<char> buf;
  struct spwd sp;
  bool found = lookup_grown(name, true, buf, [&](std::vector<char>& b, bool& f) {
    struct spwd* result = nullptr;
    int rc = call(name.c_str(), &sp, b.data(), b.size(), &result);
    f = result != nullptr;
    return rc;
  });
  std::optional<std::string> hash;
  if (found && sp.sp_pwdp) hash = sp.sp_pwdp;
  explicit_bzero(buf.data(), buf.size());
  return hash;
}

}  // namespace vmm::sys
