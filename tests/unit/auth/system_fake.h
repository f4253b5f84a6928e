// A recording AuthSystem for the checkvpw flow tests: every effect on the
// process becomes one line of log, so a test can assert the exact order.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/system.h"
#include "sys/error.h"

namespace vmm::auth_testing {

// Thrown by FakeAuthSystem::exec: the flow ends there, as with a real exec.
struct Executed {
  std::vector<std::string> argv;
};

class FakeAuthSystem : public auth::AuthSystem {
 public:
  std::optional<std::string> request;  // nullopt: fd 3 not open
  std::map<std::string, std::string> environment;
  std::vector<std::string> log;
  uid_t current_uid = 0;
  std::time_t clock = 1800000000;
  std::set<std::string> directories;     // what is_directory says yes to
  std::map<std::string, int> exit_of;    // run(): status by program path (default 0)
  std::set<std::string> unrunnable;      // run()/exec() of these throw like a failed exec

  std::string read_request() override {
    log.push_back("read fd 3");
    if (!request) throw Error(ErrorClass::usage, "fd 3 is not open: no checkpassword input");
    return *request;
  }
  std::optional<std::string> env(const std::string& name) const override {
    auto it = environment.find(name);
    if (it == environment.end()) return std::nullopt;
    return it->second;
  }
  void set_env(const std::string& name, const std::string& value) override {
    environment[name] = value;
    log.push_back("set " + name + "=" + value);
  }
  void unset_env(const std::string& name) override {
    environment.erase(name);
    log.push_back("unset " + name);
  }
  std::time_t now() const override { return clock; }
  uid_t uid() const override { return current_uid; }
  void become(const sys::Identity& who) override {
    if (current_uid != 0) throw Error(ErrorClass::permanent, "become: not root");
    log.push_back("become " + who.name + " " + std::to_string(who.uid) + " " +
                  std::to_string(who.gid));
    current_uid = who.uid;
  }
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override {
    if (current_uid != 0) throw Error(ErrorClass::permanent, "borrow: not root");
    log.push_back("borrow " + who.name + " {");
    current_uid = who.uid;
    try {
      fn();
    } catch (...) {
      current_uid = 0;
      log.push_back("}");
      throw;
    }
    current_uid = 0;
    log.push_back("}");
  }
  void change_dir(const std::string& dir) override { log.push_back("chdir " + dir); }
  bool is_directory(const std::string& path) const override { return directories.count(path) > 0; }
  int run(const std::vector<std::string>& argv) override {
    log.push_back("run " + join(argv) + as_whom());
    if (unrunnable.count(argv[0]))
      throw Error(ErrorClass::permanent, "unable to run " + argv[0] + ": Permission denied");
    auto it = exit_of.find(argv[0]);
    return it == exit_of.end() ? 0 : it->second;
  }
  [[noreturn]] void exec(const std::vector<std::string>& argv) override {
    log.push_back("exec " + join(argv) + as_whom());
    if (unrunnable.count(argv[0]))
      throw Error(ErrorClass::permanent, "unable to run " + argv[0] + ": No such file or directory");
    throw Executed{argv};
  }
  void warn(const std::string& message) override { log.push_back("warn " + message); }

  // The log lines starting with prefix, in order.
  std::vector<std::string> lines(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const std::string& l : log)
      if (l.rfind(prefix, 0) == 0) out.push_back(l);
    return out;
  }

 private:
  static std::string join(const std::vector<std::string>& argv) {
    std::string out;
    for (const std::string& a : argv) out += (out.empty() ? "" : " ") + a;
    return out;
  }
  std::string as_whom() const { return " (uid " + std::to_string(current_uid) + ")"; }
};

}  // namespace vmm::auth_testing
