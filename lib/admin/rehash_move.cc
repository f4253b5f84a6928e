#include "admin/rehash_move.h"

#include <filesystem>

#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::admin {

namespace {

void check_directory(const std::string& path) {
  if (sys::file_kind(path, sys::Links::no_follow) != sys::FileKind::directory)
    throw Error(ErrorClass::permanent, path + " is not a directory");
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
  std::string parent = sys::directory_of(path);
  if (parent == base) return;
  if (!is_below(parent, base)) throw Error(ErrorClass::permanent, path + " is not below " + base);
  make_parents(base, parent);
  sys::make_dir(parent, 0755);
  check_directory(parent);  // also when mkdir raced with another creator
}

void remove_empty_parents(const std::string& path, const std::string& stop) {
  if (!is_below(path, stop)) return;
  for (std::string dir = sys::directory_of(path); is_below(dir, stop); dir = sys::directory_of(dir)) {
    if (!sys::remove_empty_dir(dir)) return;
  }
}

}  // namespace vmm::admin
