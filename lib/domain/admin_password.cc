#include "domain/admin_password.h"

#include <fcntl.h>

#include <cerrno>

#include "domain/config_value.h"
#include "domain/password.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"
#include "sys/file_status.h"
#include "sys/privs.h"
#include "sys/remove_tree.h"

namespace vmm::domain {
namespace {

constexpr std::size_t kMaxAdminPasswordFile = 4096;

}  // namespace

std::string admin_password_path(const std::string& home) { return home + "/.vmailmgr/admin-password"; }

std::optional<std::string> read_admin_password(const std::string& home) {
  const std::string path = admin_password_path(home);
  sys::Fd fd;
  try {
    fd = sys::open_file(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (const Error& e) {
    if (e.err() == ENOENT) return std::nullopt;
    if (e.err() == ELOOP)
      throw Error(ErrorClass::permanent, path + " must be a plain file, not a symbolic link");
    throw;
  }
  const sys::FileStatus st = sys::file_status(fd.get(), path);
  if (!st.regular) throw Error(ErrorClass::permanent, path + " must be a plain file");
  if (st.owner != sys::effective_uid())
    throw Error(ErrorClass::permanent, path + " must belong to the base user (uid " +
                                           std::to_string(sys::effective_uid()) + "), not uid " +
                                           std::to_string(st.owner));
  if ((st.permissions & 077) != 0)
    throw Error(ErrorClass::permanent, path + " must be readable by the base user alone (mode 0600), not " +
                                           sys::permissions_text(st.permissions));
  std::string text = sys::read_bounded(fd.get(), kMaxAdminPasswordFile, path);
  std::string hash = first_line(text);
  wipe(text);
  return hash;
}

void store_admin_password(const std::string& home, const std::string& hash) {
  if (hash != "*" && !valid_password_hash(hash))
    throw Error(ErrorClass::permanent,
                "invalid admin password hash (it must be printable ASCII without blanks)");
  sys::make_dir(home + "/.vmailmgr", 0755);
  const std::string path = admin_password_path(home);
  sys::FileReplacement file(path, sys::temp_beside(path), 0600);
  sys::write_all(file.fd(), hash + "\n", file.temp());
  file.commit(sys::FileReplacement::Sync::file);
  sys::fsync_dir(home + "/.vmailmgr");
}

bool remove_admin_password(const std::string& home) {
  const std::string path = admin_password_path(home);
  if (sys::file_kind(path, sys::Links::no_follow) == sys::FileKind::directory)
    throw Error(ErrorClass::permanent, path + " is a directory; remove it by hand");
  if (!sys::remove_tree(path)) return false;
  sys::fsync_dir(home + "/.vmailmgr");
  return true;
}

}  // namespace vmm::domain
