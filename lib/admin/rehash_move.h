// The path steps of vrehash around moving an account directory (the move
// itself is sys::rename_no_replace): making the new hash directories and
// tidying up the ones it leaves empty.
#pragma once
#include <string>

namespace vmm::admin {

// path with "." and ".." resolved lexically and no trailing '/'.
std::string normal_path(const std::string& path);

// True when path is strictly below dir (both normal absolute paths).
bool is_below(const std::string& path, const std::string& dir);

// Creates each missing directory between base (exclusive) and path
// (exclusive) with mode 0755, like mkdir -p of path's parent. An existing
// component must be a real directory, never a symlink: Error(permanent,
// "PATH is not a directory"). path must be below base.
void make_parents(const std::string& base, const std::string& path);

// rmdir of each directory above path while it is empty, up to but not
// including stop; nothing when path is not below stop. Best effort: the first
// directory that cannot be removed ends it.
void remove_empty_parents(const std::string& path, const std::string& stop);

}  // namespace vmm::admin
