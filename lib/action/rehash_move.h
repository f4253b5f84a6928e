// The filesystem steps of vrehash: moving an account directory to a new
// place without ever replacing something that is already there, and tidying
// up the hash directories it leaves empty.
#pragma once
#include <string>

namespace vmm::action {

// path with "." and ".." resolved lexically and no trailing '/'.
std::string normal_path(const std::string& path);

// True when path is strictly below dir (both normal absolute paths).
bool is_below(const std::string& path, const std::string& dir);

// Creates each missing directory between base (exclusive) and path
// (exclusive) with mode 0755, like mkdir -p of path's parent. An existing
// component must be a real directory, never a symlink: Error(permanent,
// "PATH is not a directory"). path must be below base.
void make_parents(const std::string& base, const std::string& path);

// rename(from, to), but false (and nothing done) when to already exists, even
// as an empty directory that rename(2) alone would silently replace. Other
// failures throw errno_error("move FROM to TO").
bool move_no_replace(const std::string& from, const std::string& to);

// rmdir of each directory above path while it is empty, up to but not
// including stop; nothing when path is not below stop. Best effort: the first
// directory that cannot be removed ends it.
void remove_empty_parents(const std::string& path, const std::string& stop);

}  // namespace vmm::action
