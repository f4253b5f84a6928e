#include "action/rehash_move.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "sys/error.h"

namespace vmm::action {

namespace {

std::string parent_of(const std::string& path) {
  std::string::size_type slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

bool exists_no_follow(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) return true;
  if (errno == ENOENT) return false;
  throw_errno("look at " + path);
}

void check_directory(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) throw_errno("look at " + path);
  if (!S_ISDIR(st.st_mode)) throw Error(ErrorClass::permanent, path + " is not a directory");
}

}  // namespace

std::string normal_path(const std::string& path) {
  std::string out = std::filesystem::path(path).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool is_below(const std::string& path, const std::string& dir) {
  if (dir == "/") return path.size() > 1 && path.front() == '/';
  return path.size() > dir.size() + 1 && path.compare(0, dir.size(), dir) == 0 &&
         path[dir.size()] == '/';
}

void make_parents(const std::string& base, const std::string& path) {
  std::string parent = parent_of(path);
  if (parent == base) return;
  if (!is_below(parent, base)) throw Error(ErrorClass::permanent, path + " is not below " + base);
  make_parents(base, parent);
  if (::mkdir(parent.c_str(), 0755) != 0 && errno != EEXIST) throw_errno("create " + parent);
  check_directory(parent);  // also when mkdir raced with another creator
}

bool move_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS) throw_errno("move " + from + " to " + to);
  // A filesystem without RENAME_NOREPLACE: check first. The table lock keeps
  // other vmailmgr tools from creating account directories meanwhile.
  if (exists_no_follow(to)) return false;
  if (::rename(from.c_str(), to.c_str()) != 0) throw_errno("move " + from + " to " + to);
  return true;
}

void remove_empty_parents(const std::string& path, const std::string& stop) {
  if (!is_below(path, stop)) return;
  for (std::string dir = parent_of(path); is_below(dir, stop); dir = parent_of(dir)) {
    if (::rmdir(dir.c_str()) != 0) return;
  }
}

}  // namespace vmm::action
