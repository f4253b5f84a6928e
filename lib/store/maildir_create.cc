#include "store/maildir_create.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "sys/error.h"
#include "sys/fd.h"
#include "sys/remove_tree.h"

namespace vmm::store {
namespace {

std::string parent_of(const std::string& path) {
  std::size_t slash = path.find_last_not_of('/');
  if (slash == std::string::npos) return "/";
  slash = path.rfind('/', slash);
  if (slash == std::string::npos) return ".";
  std::size_t end = path.find_last_not_of('/', slash);
  return end == std::string::npos ? "/" : path.substr(0, end + 1);
}

}  // namespace

bool create_level(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0) return true;
  int err = errno;
  struct stat st;
  if (err == EEXIST && ::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return false;
    throw Error(ErrorClass::permanent, dir + " exists and is not a directory");
  }
  throw errno_error("create directory " + dir, err);
}

void create_parents(const std::string& path) {
  std::size_t end = path.find_last_not_of('/');
  if (end == std::string::npos) return;
  std::size_t last = path.rfind('/', end);  // the separator before the last component
  if (last == std::string::npos) return;
  for (std::size_t at = path.find('/', 1); at != std::string::npos && at <= last;
       at = path.find('/', at + 1)) {
    if (path[at - 1] == '/') continue;  // "a//b"
    std::string level = path.substr(0, at);
    if (level == "." || level.ends_with("/.")) continue;
    create_level(level);
  }
}

void create_account_dir(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0) return;
  if (errno == EEXIST) throw Error(ErrorClass::permanent, "directory " + dir + " already exists");
  throw_errno("create directory " + dir);
}

void create_maildir(const std::string& dir) {
  create_account_dir(dir);
  try {
    for (const char* sub : {"/cur", "/new", "/tmp"}) {
      std::string path = dir + sub;
      if (::mkdir(path.c_str(), 0700) != 0) throw_errno("create directory " + path);
    }
    sys::fsync_dir(dir);
    sys::fsync_dir(parent_of(dir));
  } catch (...) {
    try {
      sys::remove_tree(dir);
    } catch (...) {
      // the first error is the one worth reporting
    }
    throw;
  }
}

}  // namespace vmm::store
