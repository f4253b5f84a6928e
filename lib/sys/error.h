// Errors carry a class that each program's main maps to its exit code.
// Deep code never prints and never exits: it throws vmm::Error.
#pragma once
#include <stdexcept>
#include <string>

namespace vmm {

enum class ErrorClass {
  usage,      // the caller used us wrong: options, operands, malformed protocol input
  bad_login,  // unknown account, wrong password, disabled, expired (checkvpw)
  permanent,  // retrying will not help until someone changes something
  temporary,  // retrying later may work: I/O errors, locks, resource shortage
};

class Error : public std::runtime_error {
 public:
  Error(ErrorClass cls, const std::string& message, int err = 0)
      : std::runtime_error(message), cls_(cls), err_(err) {}
  ErrorClass cls() const { return cls_; }
  int err() const { return err_; }  // errno behind it, 0 when none

 private:
  ErrorClass cls_;
  int err_;
};

// The one place deciding whether an errno is worth retrying (qmail's error_temp).
ErrorClass errno_class(int err);

// "unable to <action>: <strerror(err)>", classed by errno_class.
// action reads like "open /home/d/passwd.cdb".
Error errno_error(const std::string& action, int err);
[[noreturn]] void throw_errno(const std::string& action);  // uses the current errno

}  // namespace vmm
