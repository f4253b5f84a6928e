// The domain's admin password for vmailmgrd (SPEC §15): one crypt(3) hash in
// ~base/.vmailmgr/admin-password, set by the base user with vadminpasswd.
// Only the per-domain file counts — a global one would open every domain
// with one password — and when it exists nothing else does; without it the
// base user's own system password is the admin password (VMailMgr's rule).
#pragma once
#include <optional>
#include <string>

namespace vmm::domain {

// home + "/.vmailmgr/admin-password"
std::string admin_password_path(const std::string& home);

// The stored hash (the first line, trimmed; "" never verifies), or nullopt
// when there is no file. The file is a secret: it must be a regular file
// (never followed through a symlink) owned by the user reading it (the base
// user) with no permission for group or others, else Error(permanent,
// "PATH must be ...") — a hash others can read or write is no secret. Other
// read failures throw (temporary or permanent by errno).
std::optional<std::string> read_admin_password(const std::string& home);

// Stores hash (valid_password_hash, or "*": no admin access at all) with
// mode 0600, replacing the old file atomically and durably; makes
// ~base/.vmailmgr (0755) when missing. A bad hash is Error(permanent).
void store_admin_password(const std::string& home, const std::string& hash);

// Removes the file (the system password counts again); false when there was
// none. A directory or anything that is not a plain file there is refused.
bool remove_admin_password(const std::string& home);

}  // namespace vmm::domain
