// Classic mode's Maildir argument (SPEC §6): which argument of the next
// program names the Maildir, and what it becomes.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::auth {

// Index into args (the words AFTER the program; the program itself is never
// a candidate) of the first one containing marker, ASCII case-insensitively;
// else the last one; nullopt when args is empty.
std::optional<std::size_t> maildir_argument(const std::vector<std::string>& args,
                                            std::string_view marker);

struct MaildirPlan {
  std::string account_maildir;  // absolute; empty = a system user
  std::string default_maildir;  // system user without a Maildir argument (relative to home)
  std::string error_maildir;    // served when the chosen one is not a directory
  std::string marker;           // maildir-arg-str
};

struct MaildirChoice {
  std::vector<std::string> argv;  // the program and its arguments, rewritten
  std::string maildir;            // for MAILDIR
};

// argv = program + args. The Maildir argument becomes the account's Maildir
// (virtual) or stays as given (system user); without one the Maildir is the
// account's, or default_maildir. When is_dir says the result is not a
// directory, error_maildir replaces it, in the argument too.
MaildirChoice choose_maildir(std::vector<std::string> argv, const MaildirPlan& plan,
                             const std::function<bool(const std::string&)>& is_dir);

}  // namespace vmm::auth
