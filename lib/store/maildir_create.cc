#include "store/maildir_create.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "sys/dir.h"
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
  const int err = errno;
  if (err != EEXIST) throw errno_error("create directory " + dir, err);
  if (sys::file_kind(dir, sys::Links::follow) == sys::FileKind::directory) return false;
  throw Error(ErrorClass::permanent, dir + " exists and is not a directory");
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

// create_account_dir, cur, new, tmp; with sync, both fsyncs of create_maildir.
static void make_maildir(const std::string& dir, bool sync) {
  create_account_dir(dir);
  try {
    for (const char* sub : {"/cur", "/new", "/tmp"}) {
      std::string path = dir + sub;
      if (::mkdir(path.c_str(), 0700) != 0) throw_errno("create directory " + path);
    }
    if (sync) {
      sys::fsync_dir(dir);
      sys::fsync_dir(parent_of(dir));
    }
  } catch (...) {
    try {
      sys::remove_tree(dir);
    } catch (...) {
      // the first error is the one worth reporting
    }
    throw;
  }
}

void create_maildir(const std::string& dir) { make_maildir(dir, true); }

void NewDirs::prepare(const std::string& dir) {
  std::string parent = parent_of(dir);
  if (parents_.contains(parent)) return;
  create_parents(dir);
  sys::Fd fd = sys::open_file(parent, O_RDONLY | O_DIRECTORY);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) throw_errno("stat " + parent);
  bool known = false;
  for (const FileSystem& fs : file_systems_) known = known || fs.device == st.st_dev;
  if (!known) file_systems_.push_back({st.st_dev, parent, std::move(fd)});
  parents_.insert(std::move(parent));
}

void NewDirs::create_maildir(const std::string& dir) {
  prepare(dir);
  make_maildir(dir, false);
  made_.push_back(dir);
}

void NewDirs::create_account_dir(const std::string& dir) {
  prepare(dir);
  store::create_account_dir(dir);
  made_.push_back(dir);
}

void NewDirs::resume_maildir(const std::string& dir) {
  prepare(dir);
  for (const char* sub : {"/cur", "/new", "/tmp"}) {
    const std::string path = dir + sub;
    if (!sys::make_dir(path, 0700) && sys::file_kind(path, sys::Links::no_follow) != sys::FileKind::directory)
      throw Error(ErrorClass::permanent, path + " exists and is not a directory");
  }
}

void NewDirs::sync_all() {
  for (const FileSystem& fs : file_systems_) sys::sync_file_system(fs.fd.get(), fs.dir);
}

void NewDirs::sync() {
  if (made_.size() > kFsyncEach) {
    for (const FileSystem& fs : file_systems_) sys::sync_file_system(fs.fd.get(), fs.dir);
  } else {
    for (const std::string& dir : made_) sys::fsync_dir(dir);
    for (const std::string& parent : parents_) sys::fsync_dir(parent);
  }
}

}  // namespace vmm::store
