// What vadddomain and vdeldomain do to the machine beyond the files they
// edit — the user database, homes, vsetup as another user, qmail-send —
// behind one interface, so their flow can be tested with a recording fake.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/base_user.h"

namespace vmm::admin {

class HostSystem {
 public:
  virtual ~HostSystem() = default;

  virtual uid_t uid() const = 0;  // effective: 0 = root
  virtual std::optional<domain::BaseUser> find_user(const std::string& name) const = 0;
  // A new Unix user: its own group, home (not made here), no login shell.
  // Error(permanent) when it cannot be made.
  virtual void add_user(const std::string& name, const std::string& home,
                        const std::string& comment) = 0;
  // The user and its own group go; its files stay. Error(permanent) on failure.
  virtual void delete_user(const std::string& name) = 0;
  // home made (0750, owned by uid and gid), its missing parents too (0755, root's).
  virtual void make_home(const std::string& home, uid_t uid, gid_t gid) = 0;
  // home and everything in it removed, never following a symbolic link.
  virtual void remove_home(const std::string& home) = 0;
  // vsetup run as who, in its home: its exit status.
  virtual int run_setup(const domain::BaseUser& who, bool quiet) = 0;

  // Whether a supervise(8) runs the service in dir (dir/supervise/control is
  // there to talk to).
  virtual bool supervised(const std::string& dir) const = 0;
  // A program (a bare name is looked up in PATH): its exit status.
  virtual int run(const std::vector<std::string>& argv) = 0;
  // The qmail-send processes working in queue_dir (<qmail-root>/queue).
  virtual std::vector<pid_t> qmail_send_pids(const std::string& queue_dir) const = 0;
  virtual void hangup(pid_t pid) = 0;  // SIGHUP
};

// The real machine: useradd and userdel (Debian's shadow utilities, run
// with an argument vector, no shell: they take the locks of /etc/passwd,
// /etc/shadow, /etc/group and /etc/gshadow and keep nscd and friends in
// step), vsetup from the directory of the running program, svc from PATH,
// qmail-send found through /proc.
class RealHostSystem final : public HostSystem {
 public:
  uid_t uid() const override;
  std::optional<domain::BaseUser> find_user(const std::string& name) const override;
  void add_user(const std::string& name, const std::string& home,
                const std::string& comment) override;
  void delete_user(const std::string& name) override;
  void make_home(const std::string& home, uid_t uid, gid_t gid) override;
  void remove_home(const std::string& home) override;
  int run_setup(const domain::BaseUser& who, bool quiet) override;
  bool supervised(const std::string& dir) const override;
  int run(const std::vector<std::string>& argv) override;
  std::vector<pid_t> qmail_send_pids(const std::string& queue_dir) const override;
  void hangup(pid_t pid) override;
};

// The argument vectors RealHostSystem runs (for tests and the man page).
std::vector<std::string> useradd_argv(const std::string& name, const std::string& home,
                                      const std::string& comment, const std::string& shell);
std::vector<std::string> userdel_argv(const std::string& name);

}  // namespace vmm::admin
