#include "admin/host_system.h"

#include <signal.h>

#include "sys/dir.h"
#include "sys/environ.h"
#include "sys/error.h"
#include "sys/exec.h"
#include "sys/process.h"
#include "sys/remove_tree.h"
#include "sys/user_db.h"

namespace vmm::admin {
namespace {

constexpr const char* kUseradd = "/usr/sbin/useradd";
constexpr const char* kUserdel = "/usr/sbin/userdel";

// The shell of a user that must never log in.
std::string no_login_shell() {
  for (const char* shell : {"/usr/sbin/nologin", "/sbin/nologin"})
    if (sys::probe_program(shell) == sys::ProgramFile::executable) return shell;
  return "/bin/false";
}

std::string dir_of(const std::string& path) {
  std::string::size_type slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

void check_status(int status, const std::string& what) {
  if (status != 0)
    throw Error(ErrorClass::permanent, what + " failed with exit status " + std::to_string(status));
}

// mkdir -p of dir's missing parents (0755), then dir itself with mode.
void make_dirs(const std::string& dir, mode_t mode) {
  if (sys::file_kind(dir, sys::Links::follow) == sys::FileKind::directory) return;
  if (dir != "/" && !dir.empty()) make_dirs(dir_of(dir), 0755);
  sys::make_dir(dir, mode);
}

}  // namespace

std::vector<std::string> useradd_argv(const std::string& name, const std::string& home,
                                      const std::string& comment, const std::string& shell) {
  // --no-log-init: no lastlog/faillog entries (those live outside /etc);
  // SUB_*ID_COUNT=0: no subordinate ids, a base user runs no containers.
  return {kUseradd,   "--home-dir", home,     "--no-create-home",
          "--shell",  shell,        "--comment", comment,
          "--user-group", "--no-log-init", "--key", "SUB_UID_COUNT=0",
          "--key",    "SUB_GID_COUNT=0", name};
}

std::vector<std::string> userdel_argv(const std::string& name) { return {kUserdel, name}; }

uid_t RealHostSystem::uid() const { return sys::effective_uid(); }

std::optional<domain::BaseUser> RealHostSystem::find_user(const std::string& name) const {
  return domain::SystemUserDb().find(name);
}

void RealHostSystem::add_user(const std::string& name, const std::string& home,
                              const std::string& comment) {
  check_status(sys::run_program(useradd_argv(name, home, comment, no_login_shell())), "useradd");
}

void RealHostSystem::delete_user(const std::string& name) {
  check_status(sys::run_program(userdel_argv(name)), "userdel");
}

void RealHostSystem::make_home(const std::string& home, uid_t uid, gid_t gid) {
  make_dirs(dir_of(home), 0755);
  sys::make_owned_dir(home, 0750, uid, gid);
}

void RealHostSystem::remove_home(const std::string& home) { sys::remove_tree(home); }

int RealHostSystem::run_setup(const domain::BaseUser& who, bool quiet) {
  std::vector<std::string> argv{dir_of(sys::this_program()) + "/vsetup"};
  if (quiet) argv.push_back("--quiet");
  sys::RunAs as{sys::Identity{who.name, who.uid, who.gid},
                who.home,
                {{"HOME", who.home}, {"USER", who.name}, {"LOGNAME", who.name}}};
  return sys::run_program_as(argv, as);
}

bool RealHostSystem::supervised(const std::string& dir) const {
  return sys::file_kind(dir + "/supervise/control", sys::Links::follow) != sys::FileKind::missing;
}

int RealHostSystem::run(const std::vector<std::string>& argv) {
  std::vector<std::string> resolved = argv;
  resolved[0] = sys::find_in_path(argv[0], sys::get_env("PATH"));
  return sys::run_program(resolved);
}

std::vector<pid_t> RealHostSystem::qmail_send_pids(const std::string& queue_dir) const {
  return sys::processes_named("qmail-send", queue_dir);
}

void RealHostSystem::hangup(pid_t pid) { sys::send_signal(pid, SIGHUP); }

}  // namespace vmm::admin
