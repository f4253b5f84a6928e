// Deleting a directory tree without ever following a symbolic link (SPEC
// §12: VMailMgr's recursive delete followed them). Every step works on a
// directory descriptor opened with O_NOFOLLOW, so a symlink planted inside
// the tree, or swapped in while we work, is unlinked and its target survives.
#pragma once
#include <string>
#include <string_view>

namespace vmm::sys {

// Removes root/relative and everything below it. root is trusted (the base
// user's home) and opened as given; every component of relative is opened
// with O_NOFOLLOW, so a symlink anywhere on the way ends the walk with an
// error instead of leading outside root. When the last component is itself
// a symlink (or any non-directory) only that entry is unlinked.
// relative must be non-empty, not absolute, and hold no ".." component;
// "." and empty components are skipped (a path of nothing but those is
// refused: it would name root itself). Otherwise Error(permanent).
// Returns false when the path (or root itself) did not exist: nothing
// removed. Failures throw errno_error("remove PATH") and friends; what was
// removed before the failure stays removed.
bool remove_tree(const std::string& root, std::string_view relative);

// The same for a path given whole: its parent directory is opened as given,
// the last component is never followed.
bool remove_tree(const std::string& path);

}  // namespace vmm::sys
