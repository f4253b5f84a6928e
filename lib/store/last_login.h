// When each account last logged in (SPEC §20): one empty file per account in
// a directory of the base home (~base/last-login/NAME), whose modification
// time is the time of the last successful login. A login changes one inode's
// time stamp (utimensat): it never rewrites the table, takes no lock and
// costs about as much as a stat. The time is not fsynced: a crash may lose
// the last few logins' times, never an account.
#pragma once
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace vmm::store {

class LastLogins {
 public:
  // dir: the directory of the files (absolute); made (0700) at the first login.
  explicit LastLogins(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }

  // NAME's last login is when: its file's time set, the file made (0600)
  // when missing. Neither dir nor the file is ever followed when it is a
  // symbolic link: a link planted there has its own time set, nothing else.
  // A name that cannot be a file name here (empty, ".", "..", holding '/'
  // or NUL) is Error(permanent); system call failures throw by errno.
  void record(std::string_view name, std::time_t when) const;

  // NAME's last login; nullopt when never recorded (no file, or no
  // directory). Other failures throw by errno.
  std::optional<std::time_t> find(std::string_view name) const;

  // vdeluser: the file goes (a missing one is fine).
  void forget(std::string_view name) const;
  // vrenuser: from's time becomes to's (replacing to's); nothing when from
  // has none.
  void rename(std::string_view from, std::string_view to) const;

 private:
  std::string dir_;
};

}  // namespace vmm::store
