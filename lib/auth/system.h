// Everything checkvpw does to its own process — fd 3, the environment, the
// uid switch, running and exec'ing programs — behind one interface, so the
// login flow (auth.cc) can be tested with a recording fake. LoginSystem is
// the part every login shares (authvmailmgr uses only that).
#pragma once
#include <sys/types.h>

#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sys/privs.h"

namespace vmm::auth {

// What any login needs from its process: the environment (TCPLOCALHOST,
// TCPLOCALIP, what hooks inherit), the clock, who we are, borrowing the base
// user's identity, running hooks. checkvpw and authvmailmgr share it.
class LoginSystem {
 public:
  virtual ~LoginSystem() = default;

  virtual std::optional<std::string> env(const std::string& name) const = 0;
  virtual void set_env(const std::string& name, const std::string& value) = 0;
  virtual void unset_env(const std::string& name) = 0;
  virtual std::time_t now() const = 0;

  virtual uid_t uid() const = 0;  // effective: 0 = root
  // Runs fn as who and returns to root (sys::BorrowedIdentity). Root only.
  virtual void borrow(const sys::Identity& who, const std::function<void()>& fn) = 0;

  // Fork, exec, wait: the program's exit status (sys::run_program).
  virtual int run(const std::vector<std::string>& argv) = 0;

  // A problem that does not change the outcome ("PROG: warning: ...").
  virtual void warn(const std::string& message) = 0;
};

// Another login system's behaviour, for the ones that change one part of it
// (a deadline on programs, an environment without the local address, an
// environment put back after each request): they override only that part.
class DelegatingLoginSystem : public LoginSystem {
 public:
  explicit DelegatingLoginSystem(LoginSystem& inner) : inner_(inner) {}

  std::optional<std::string> env(const std::string& name) const override { return inner_.env(name); }
  void set_env(const std::string& name, const std::string& value) override {
    inner_.set_env(name, value);
  }
  void unset_env(const std::string& name) override { inner_.unset_env(name); }
  std::time_t now() const override { return inner_.now(); }
  uid_t uid() const override { return inner_.uid(); }
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override {
    inner_.borrow(who, fn);
  }
  int run(const std::vector<std::string>& argv) override { return inner_.run(argv); }
  void warn(const std::string& message) override { inner_.warn(message); }

 protected:
  LoginSystem& inner_;
};

// The rest is checkpassword's: fd 3, the uid switch for good, exec.
class AuthSystem : public LoginSystem {
 public:
  // The checkpassword request: fd 3 read to EOF, at most 512 bytes, then
  // closed so the next program does not inherit it. Error(usage) when fd 3
  // is not open or holds more than 512 bytes.
  virtual std::string read_request() = 0;

  // For good: groups, gid, uid (sys::become).
  virtual void become(const sys::Identity& who) = 0;

  virtual void change_dir(const std::string& dir) = 0;
  virtual bool is_directory(const std::string& path) const = 0;

  // Replaces this process; returns only by throwing.
  [[noreturn]] virtual void exec(const std::vector<std::string>& argv) = 0;
};

// The real process: fd 3, environ, setuid, execv. Warnings go to the
// program's edge (the library never prints).
class ProcessAuthSystem final : public AuthSystem {
 public:
  explicit ProcessAuthSystem(std::function<void(const std::string&)> warn)
      : warn_(std::move(warn)) {}
  std::string read_request() override;
  std::optional<std::string> env(const std::string& name) const override;
  void set_env(const std::string& name, const std::string& value) override;
  void unset_env(const std::string& name) override;
  std::time_t now() const override;
  uid_t uid() const override;
  void become(const sys::Identity& who) override;
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override;
  void change_dir(const std::string& dir) override;
  bool is_directory(const std::string& path) const override;
  int run(const std::vector<std::string>& argv) override;
  [[noreturn]] void exec(const std::vector<std::string>& argv) override;
  void warn(const std::string& message) override;

 private:
  std::function<void(const std::string&)> warn_;
};

}  // namespace vmm::auth
