// Changing who the process is: the checkpassword switch to the base user, and
// a reversible borrow for work that must not run with root's rights.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace vmm::sys {

struct Identity {
  std::string name;  // the user name: its group memberships come from the group database
  uid_t uid = 0;
  gid_t gid = 0;
};

uid_t effective_uid();
std::vector<gid_t> supplementary_groups();  // getgroups(2)

// For good, as root: the supplementary groups first (initgroups of name with
// gid; setgroups of gid alone when name is empty), then setgid, then setuid
// — never the other way round, so no group of root's survives. Verified
// afterwards: real, effective and saved uid and gid are who's, and for a
// non-root who, setuid(0) fails. A failed step throws errno_error("set ...
// of USER"); a failed check throws Error(temporary, "... after switching to USER").
void become(const Identity& who);

// While alive, the process has who's groups and real and effective uid and
// gid, but keeps root as its saved uid so it can return. A program started
// meanwhile (fork + exec) cannot return: execve copies the effective ids
// into the saved ones, and with no uid 0 left it has no capabilities.
// Files created meanwhile belong to who, and the kernel checks access as who.
// Root only (Error(permanent) otherwise).
class BorrowedIdentity {
 public:
  explicit BorrowedIdentity(const Identity& who);
  ~BorrowedIdentity();  // restores, ignoring errors (see restore)
  BorrowedIdentity(const BorrowedIdentity&) = delete;
  BorrowedIdentity& operator=(const BorrowedIdentity&) = delete;

  // Back to the ids and groups from before; throws when that fails (the
  // process then has fewer rights than before, never more).
  void restore();

 private:
  uid_t ruid_, euid_, suid_;
  gid_t rgid_, egid_, sgid_;
  std::vector<gid_t> groups_;
  bool active_ = false;
};

}  // namespace vmm::sys
