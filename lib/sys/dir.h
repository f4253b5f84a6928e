// Directories and what is at a path: the one place that asks stat(2)
// whether something exists or is a directory.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace vmm::sys {

// chdir(2); throws errno_error("change directory to PATH").
void change_dir(const std::string& path);

// The directory part of path: "." for a bare name, "/" for one in the root.
std::string directory_of(const std::string& path);

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

// A new directory for another user (vadddomain's base home): mkdir(2)
// with mode, then owner uid and gid (through the directory itself, never a
// symlink swapped in), then exactly mode again whatever the umask. An
// existing path is an error too: errno_error("create PATH", EEXIST).
void make_owned_dir(const std::string& path, mode_t mode, uid_t uid, gid_t gid);

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
// The same for an open directory, read from its start through a duplicate
// of fd (fd itself stays open); what names it in errno_error("read
// directory WHAT").
std::vector<DirEntry> dir_entries_at(int fd, const std::string& what);

// rmdir(2): true when removed; false when not (not empty, gone, busy...).
bool remove_empty_dir(const std::string& path);

// unlink(2) of a file or symlink (never followed): true when removed, false
// when nothing was there. Other failures throw errno_error("remove PATH").
bool remove_file(const std::string& path);

// symlink(2): path becomes a symbolic link holding target. Failures (EEXIST
// too) throw errno_error("create the symbolic link PATH").
void make_symlink(const std::string& target, const std::string& path);

// What the symbolic link at path holds; nullopt when path is missing or is
// not a symbolic link. Other failures throw errno_error("read the link PATH").
std::optional<std::string> read_symlink(const std::string& path);

// a and b trade places in one step (renameat2 RENAME_EXCHANGE): each
// name then holds what the other held, and no moment exists in which
// either is missing. false when the kernel or file system cannot do it
// (EINVAL, ENOSYS); other failures throw errno_error("exchange A and B").
bool exchange_paths(const std::string& a, const std::string& b);

}  // namespace vmm::sys
