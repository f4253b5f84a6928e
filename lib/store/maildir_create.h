// Making an account's directory (SPEC §1, §3.3): the hashed levels above it,
// the directory itself and, for a mailbox, the Maildir inside (cur new tmp).
// Modes: levels 0755 (as VMailMgr made users/ and users/9/c), the account
// directory 0700, and cur/new/tmp 0700 like maildirmake(1) and Dovecot —
// VMailMgr made them 0755, which only mattered little because their parent
// is 0700. The umask still applies, as for any mkdir.
#pragma once
#include <sys/types.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "sys/fd.h"

namespace vmm::store {

// Makes every missing directory on the way to path (not path itself), top
// down, mode 0755. Existing ones are fine, so concurrent adds can share a
// level; one that exists but is not a directory is Error(permanent). An
// existing level may be a symlink (users/ on another disk).
void create_parents(const std::string& path);

// Makes dir itself, mode 0755, like one of those levels (vsetup's users/).
// Returns false when it already was a directory; a non-directory in its
// place is Error(permanent, "DIR exists and is not a directory").
bool create_level(const std::string& dir);

// Makes dir (0700). An existing dir is refused with Error(permanent,
// "directory DIR already exists"): a new account never takes over an old
// directory and its mail. Other failures throw errno_error("create directory DIR").
void create_account_dir(const std::string& dir);

// create_account_dir, then dir/cur, dir/new, dir/tmp. If making the
// subdirectories fails, the dir made here is removed again before the error
// is thrown. Everything is fsynced, so a table naming it can rely on it.
void create_maildir(const std::string& dir);

// Account directories made for one table update (vadduser makes one,
// vaddusers may make 100 000): create_parents once per distinct parent,
// then each directory without an fsync of its own; sync() makes them all
// durable before the table may name them. Up to kFsyncEach directories it
// fsyncs each and each parent, as create_maildir does; beyond that one
// syncfs(2) per file system is far cheaper than two fsyncs per account.
class NewDirs {
 public:
  static constexpr std::size_t kFsyncEach = 16;

  // create_parents(dir) (once per parent), then create_maildir or
  // create_account_dir without their fsyncs; same errors, same cleanup.
  void create_maildir(const std::string& dir);
  void create_account_dir(const std::string& dir);
  // An existing Maildir an unfinished run made (vimport resumes it): its
  // file system joins sync_all, and whichever of cur new tmp it lacks is
  // made (0700).
  void resume_maildir(const std::string& dir);
  // Everything made so far is on disk; a failure is errno_error.
  void sync();
  // Everything written so far on the file systems of these directories,
  // files put into them included, is on disk: one syncfs(2) per file
  // system whatever the count (vimport fills the new Maildirs first).
  void sync_all();

 private:
  void prepare(const std::string& dir);

  struct FileSystem {
    dev_t device;
    std::string dir;  // the first parent seen on it, for messages
    sys::Fd fd;       // that parent, open
  };

  std::unordered_set<std::string> parents_;
  std::vector<std::string> made_;
  std::vector<FileSystem> file_systems_;
};

}  // namespace vmm::store
