#include "sys/remove_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::sys {
namespace {

// Maildirs are two levels deep; anything far deeper is not an account's.
constexpr int kMaxDepth = 64;
// A directory that keeps refilling while we empty it (a delivery racing us)
// gets this many passes before we give up.
constexpr int kPasses = 3;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;

Error refused(const std::string& path, const std::string& why) {
  return Error(ErrorClass::permanent, "unable to remove " + path + ": " + why);
}

// The names in directory fd, read through a duplicate so fd stays ours.
std::vector<std::string> entries(int fd, const std::string& path) {
  int copy = ::dup(fd);
  if (copy < 0) throw_errno("read directory " + path);
  DIR* dir = ::fdopendir(copy);
  if (!dir) {
    int err = errno;
    ::close(copy);
    throw errno_error("read directory " + path, err);
  }
  ::rewinddir(dir);  // the duplicate shares the offset of an earlier pass
  std::vector<std::string> names;
  errno = 0;
  while (struct dirent* e = ::readdir(dir)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
    errno = 0;
  }
  int err = errno;
  ::closedir(dir);
  if (err != 0) throw errno_error("read directory " + path, err);
  return names;
}

// Removes the entry name of directory parent (path is how messages show it).
// A directory is opened without following a symlink and emptied first;
// anything else, a symlink included, is unlinked. false: it was not there.
bool remove_at(int parent, const std::string& name, const std::string& path, int depth) {
  if (depth > kMaxDepth) throw refused(path, "nested too deeply");
  int fd = ::openat(parent, name.c_str(), kDirFlags);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return false;
    if (err != ENOTDIR && err != ELOOP) throw errno_error("open directory " + path, err);
    if (::unlinkat(parent, name.c_str(), 0) == 0) return true;
    if (errno == ENOENT) return false;
    throw_errno("remove " + path);
  }
  Fd dir(fd);
  for (int pass = 1;; ++pass) {
    for (const std::string& entry : entries(dir.get(), path))
      remove_at(dir.get(), entry, path + "/" + entry, depth + 1);
    if (::unlinkat(parent, name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT) return true;
    if ((errno != ENOTEMPTY && errno != EEXIST) || pass == kPasses)
      throw_errno("remove directory " + path);
  }
}

}  // namespace

bool remove_tree(const std::string& root, std::string_view relative) {
  std::string shown = root;
  if (relative.starts_with('/')) throw refused(shown + "/" + std::string(relative), "not a relative path");
  std::vector<std::string> parts;
  while (!relative.empty()) {
    std::size_t slash = relative.find('/');
    std::string_view part = relative.substr(0, slash);
    relative.remove_prefix(slash == std::string_view::npos ? relative.size() : slash + 1);
    if (part == "..") throw refused(shown, "the path contains '..'");
    if (!part.empty() && part != ".") parts.emplace_back(part);
  }
  if (parts.empty()) throw refused(shown, "the path names the top directory itself");

  Fd dir;
  try {
    dir = open_file(root, O_RDONLY | O_DIRECTORY);
  } catch (const Error& e) {
    if (e.err() == ENOENT) return false;
    throw;
  }
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    shown += "/" + parts[i];
    int fd = ::openat(dir.get(), parts[i].c_str(), kDirFlags);
    if (fd < 0) {
      int err = errno;
      if (err == ENOENT) return false;
      if (err == ENOTDIR || err == ELOOP)
        throw refused(shown + "/...", shown + " is a symbolic link or not a directory");
      throw errno_error("open directory " + shown, err);
    }
    dir = Fd(fd);
  }
  return remove_at(dir.get(), parts.back(), shown + "/" + parts.back(), 0);
}

bool remove_tree(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  std::size_t slash = p.rfind('/');
  if (slash == std::string::npos) return remove_tree(".", p);
  std::string parent = slash == 0 ? "/" : p.substr(0, slash);
  return remove_tree(parent, std::string_view(p).substr(slash + 1));
}

}  // namespace vmm::sys
