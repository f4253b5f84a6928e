#include "auth/system.h"

#include <cerrno>

#include "fmt/checkpassword.h"
#include "sys/dir.h"
#include "sys/environ.h"
#include "sys/error.h"
#include "sys/exec.h"
#include "sys/fd.h"

namespace vmm::auth {
namespace {

constexpr int kRequestFd = 3;

}  // namespace

std::string ProcessAuthSystem::read_request() {
  sys::Fd fd(kRequestFd);  // closed when done, whatever happens
  try {
    return sys::read_bounded(kRequestFd, fmt::kCheckpasswordMax, "fd 3");
  } catch (const Error& e) {
    if (e.err() == EBADF) {
      fd.release();  // nothing to close
      throw Error(ErrorClass::usage, "fd 3 is not open: no checkpassword input");
    }
    if (e.err() == 0)  // read_bounded's "larger than" error
      throw Error(ErrorClass::usage, "checkpassword input is longer than " +
                                         std::to_string(fmt::kCheckpasswordMax) + " bytes");
    throw;
  }
}

std::optional<std::string> ProcessAuthSystem::env(const std::string& name) const {
  return sys::get_env(name);
}

void ProcessAuthSystem::set_env(const std::string& name, const std::string& value) {
  sys::set_env(name, value);
}

void ProcessAuthSystem::unset_env(const std::string& name) { sys::unset_env(name); }

std::time_t ProcessAuthSystem::now() const { return std::time(nullptr); }

uid_t ProcessAuthSystem::uid() const { return sys::effective_uid(); }

void ProcessAuthSystem::become(const sys::Identity& who) { sys::become(who); }

void ProcessAuthSystem::borrow(const sys::Identity& who, const std::function<void()>& fn) {
  sys::BorrowedIdentity borrowed(who);
  fn();
  borrowed.restore();
}

void ProcessAuthSystem::change_dir(const std::string& dir) { sys::change_dir(dir); }

bool ProcessAuthSystem::is_directory(const std::string& path) const {
  return sys::is_directory(path);
}

int ProcessAuthSystem::run(const std::vector<std::string>& argv) { return sys::run_program(argv); }

void ProcessAuthSystem::exec(const std::vector<std::string>& argv) { sys::exec_program(argv); }

void ProcessAuthSystem::warn(const std::string& message) { warn_(message); }

}  // namespace vmm::auth
