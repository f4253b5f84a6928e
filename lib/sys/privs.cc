#include "sys/privs.h"

#include <grp.h>
#include <unistd.h>

#include <cerrno>

#include "sys/error.h"

namespace vmm::sys {
namespace {

std::string who_text(const Identity& who) {
  return (who.name.empty() ? "uid " + std::to_string(who.uid) : who.name);
}

void set_groups(const Identity& who) {
  int rc = who.name.empty() ? ::setgroups(1, &who.gid) : ::initgroups(who.name.c_str(), who.gid);
  if (rc != 0) throw_errno("set the groups of " + who_text(who));
}

[[noreturn]] void check_failed(const Identity& who, const std::string& what) {
  throw Error(ErrorClass::temporary, what + " after switching to " + who_text(who));
}

}  // namespace

uid_t effective_uid() { return ::geteuid(); }

std::vector<gid_t> supplementary_groups() {
  for (;;) {
    int n = ::getgroups(0, nullptr);
    if (n < 0) throw_errno("read the supplementary groups");
    std::vector<gid_t> groups(static_cast<std::size_t>(n));
    int got = ::getgroups(n, groups.data());
    if (got >= 0) {
      groups.resize(static_cast<std::size_t>(got));
      return groups;
    }
    if (errno != EINVAL) throw_errno("read the supplementary groups");
    // EINVAL: the list grew between the two calls; ask again.
  }
}

void become(const Identity& who) {
  set_groups(who);
  if (::setgid(who.gid) != 0) throw_errno("set the group id of " + who_text(who));
  if (::setuid(who.uid) != 0) throw_errno("set the user id of " + who_text(who));

  uid_t ru, eu, su;
  gid_t rg, eg, sg;
  if (::getresuid(&ru, &eu, &su) != 0 || ::getresgid(&rg, &eg, &sg) != 0)
    throw_errno("read the ids after switching to " + who_text(who));
  if (ru != who.uid || eu != who.uid || su != who.uid) check_failed(who, "wrong user id");
  if (rg != who.gid || eg != who.gid || sg != who.gid) check_failed(who, "wrong group id");
  if (who.uid != 0 && ::setuid(0) == 0) check_failed(who, "root still reachable");
}

BorrowedIdentity::BorrowedIdentity(const Identity& who) {
  if (::getresuid(&ruid_, &euid_, &suid_) != 0 || ::getresgid(&rgid_, &egid_, &sgid_) != 0)
    throw_errno("read the ids of this process");
  if (euid_ != 0)
    throw Error(ErrorClass::permanent,
                "unable to act as " + who_text(who) + ": not running as root");
  groups_ = supplementary_groups();
  active_ = true;
  try {
    set_groups(who);
    // Saved ids stay as they are (-1): that is the way back.
    if (::setresgid(who.gid, who.gid, static_cast<gid_t>(-1)) != 0)
      throw_errno("set the group id of " + who_text(who));
    if (::setresuid(who.uid, who.uid, static_cast<uid_t>(-1)) != 0)
      throw_errno("set the user id of " + who_text(who));
  } catch (...) {
    restore();
    throw;
  }
}

BorrowedIdentity::~BorrowedIdentity() {
  try {
    restore();
  } catch (...) {
    // Left with the borrowed, smaller rights: later steps fail, none gains.
  }
}

void BorrowedIdentity::restore() {
  if (!active_) return;
  // Effective root first (allowed: root is the saved uid), then the rest.
  if (::setresuid(static_cast<uid_t>(-1), 0, static_cast<uid_t>(-1)) != 0)
    throw_errno("return to root");
  if (::setresgid(rgid_, egid_, sgid_) != 0) throw_errno("restore the group ids");
  if (::setgroups(groups_.size(), groups_.data()) != 0) throw_errno("restore the groups");
  if (::setresuid(ruid_, euid_, suid_) != 0) throw_errno("restore the user ids");
  active_ = false;
}

}  // namespace vmm::sys
