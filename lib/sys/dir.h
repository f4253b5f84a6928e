// Directories and what is at a path: the one place that asks stat(2)
// whether something exists or is a directory.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace vmm::sys {

// chdir(2); throws errno_error("change directory to PATH").
void change_dir(const std::string& path);

enum class FileKind { missing, directory, other };
enum class Links { follow, no_follow };  // stat(2) or lstat(2)

// What is at path. ENOENT and ENOTDIR are missing; every other failure
// throws errno_error("look at PATH").
FileKind file_kind(const std::string& path, Links links);

// True for a directory (a symlink to one counts: stat follows it). Missing,
// not a directory, or not reachable (EACCES, ELOOP, ENAMETOOLONG): false, as
// a login asks whether it has a Maildir to give. Other stat failures (EIO,
// ENOMEM...) throw errno_error("stat PATH").
bool is_directory(const std::string& path);

// mkdir(2): true when made, false when something was already there (EEXIST).
// Other failures throw errno_error("create PATH").
bool make_dir(const std::string& path, mode_t mode);

// rename(2) that never replaces: false when to exists. Uses
// RENAME_NOREPLACE; on a file system without it, looks first (the caller
// holds whatever lock keeps others from creating to meanwhile). Failures
// throw errno_error("move FROM to TO").
bool rename_no_replace(const std::string& from, const std::string& to);

struct DirEntry {
  enum Type { directory, regular, other };  // a symlink is other: never followed
  std::string name;
  Type type;
};

// The entries of dir but "." and "..", in no particular order. A missing
// dir gives none; other failures throw errno_error("read directory DIR").
std::vector<DirEntry> dir_entries(const std::string& dir);

// rmdir(2): true when removed; false when not (not empty, gone, busy...).
bool remove_empty_dir(const std::string& path);

}  // namespace vmm::sys
