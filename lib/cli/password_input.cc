#include "cli/password_input.h"

#include <utility>

#include "domain/password.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/tty.h"

namespace vmm::cli {
namespace {

// A string that is wiped however the function holding it ends.
struct Secret {
  std::string text;
  Secret() = default;
  ~Secret() { domain::wipe(text); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
};

Error none_given() { return Error(ErrorClass::permanent, "no password given"); }

std::string ask_twice(int fd, std::string_view account) {
  const std::string name = "'" + std::string(account) + "'";
  Secret first, second;
  if (!sys::read_hidden_line(fd, "New password for " + name + ": ", first.text, kMaxPasswordBytes))
    throw none_given();
  strip_line_end(first.text);
  if (first.text.empty()) throw none_given();
  if (!sys::read_hidden_line(fd, "Retype new password for " + name + ": ", second.text,
                             kMaxPasswordBytes))
    throw none_given();
  strip_line_end(second.text);
  if (!domain::equal_constant_time(first.text, second.text))
    throw Error(ErrorClass::permanent, "the passwords do not match");
  return std::exchange(first.text, std::string());
}

}  // namespace

void strip_line_end(std::string& line) {
  std::size_t keep = line.find_last_not_of("\r\n \t");
  line.resize(keep == std::string::npos ? 0 : keep + 1);
}

std::string read_new_password(std::string_view account, const PasswordSource& src) {
  if (sys::is_terminal(src.in)) {
    const sys::Fd terminal = sys::open_terminal(src.terminal);  // closed when done
    return ask_twice(terminal.valid() ? terminal.get() : src.in, account);
  }
  Secret line;
  if (!sys::read_line(src.in, line.text, kMaxPasswordBytes, "the password on standard input"))
    throw none_given();
  strip_line_end(line.text);
  if (line.text.empty()) throw none_given();
  return std::exchange(line.text, std::string());
}

}  // namespace vmm::cli
