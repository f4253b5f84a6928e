// A recording HostSystem for the vadddomain and vdeldomain tests: users in
// memory, every effect on the machine one line of log, homes made as plain
// directories of the test's temporary tree.
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "admin/host_system.h"
#include "sys/error.h"

namespace vmm::host_testing {

class FakeHostSystem : public admin::HostSystem {
 public:
  uid_t me = 0;
  std::map<std::string, domain::BaseUser> users;
  std::vector<std::string> log;
  uid_t next_uid = 3001;
  int setup_status = 0;
  std::set<std::string> supervised_dirs;
  std::map<std::string, int> svc_status;  // by directory; default 0
  bool svc_missing = false;               // running svc fails like a missing program
  std::vector<pid_t> qmail_sends;         // what qmail_send_pids answers
  std::string queue_asked;                // the directory it was asked about

  void add(const std::string& name, uid_t uid, const std::string& home) {
    users[name] = domain::BaseUser{name, uid, uid, home, "/bin/sh"};
  }

  uid_t uid() const override { return me; }
  std::optional<domain::BaseUser> find_user(const std::string& name) const override {
    auto it = users.find(name);
    if (it == users.end()) return std::nullopt;
    return it->second;
  }
  void add_user(const std::string& name, const std::string& home,
                const std::string& comment) override {
    log.push_back("useradd " + name + " " + home + " (" + comment + ")");
    add(name, next_uid++, home);
  }
  void delete_user(const std::string& name) override {
    log.push_back("userdel " + name);
    users.erase(name);
  }
  void make_home(const std::string& home, uid_t uid, gid_t gid) override {
    log.push_back("make_home " + home + " " + std::to_string(uid) + ":" + std::to_string(gid));
    std::filesystem::create_directories(home);
  }
  void remove_home(const std::string& home) override {
    log.push_back("remove_home " + home);
    std::filesystem::remove_all(home);
  }
  int run_setup(const domain::BaseUser& who, bool quiet) override {
    log.push_back("vsetup as " + who.name + " in " + who.home + (quiet ? " --quiet" : ""));
    return setup_status;
  }
  bool supervised(const std::string& dir) const override { return supervised_dirs.count(dir) > 0; }
  int run(const std::vector<std::string>& argv) override {
    std::string line = "run";
    for (const std::string& a : argv) line += " " + a;
    log.push_back(line);
    if (svc_missing) throw Error(ErrorClass::permanent, "unable to run svc: No such file or directory");
    auto it = svc_status.find(argv.back());
    return it == svc_status.end() ? 0 : it->second;
  }
  std::vector<pid_t> qmail_send_pids(const std::string& queue_dir) const override {
    const_cast<FakeHostSystem*>(this)->queue_asked = queue_dir;
    return qmail_sends;
  }
  void hangup(pid_t pid) override { log.push_back("hangup " + std::to_string(pid)); }
};

}  // namespace vmm::host_testing
