#include "auth/maildir.h"

#include <utility>

namespace vmm::auth {
namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains_folded(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && fold(hay[i + j]) == fold(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

}  // namespace

std::optional<std::size_t> maildir_argument(const std::vector<std::string>& args,
                                            std::string_view marker) {
  if (args.empty()) return std::nullopt;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (contains_folded(args[i], marker)) return i;
  return args.size() - 1;
}

MaildirChoice choose_maildir(std::vector<std::string> argv, const MaildirPlan& plan,
                             const std::function<bool(const std::string&)>& is_dir) {
  MaildirChoice c;
  std::optional<std::size_t> arg;
  if (argv.size() > 1) {
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    if (std::optional<std::size_t> i = maildir_argument(args, plan.marker)) arg = *i + 1;
  }
  const bool system_user = plan.account_maildir.empty();
  if (!system_user)
    c.maildir = plan.account_maildir;
  else
    c.maildir = arg ? argv[*arg] : plan.default_maildir;
  if (!is_dir(c.maildir)) c.maildir = plan.error_maildir;
  if (arg) argv[*arg] = c.maildir;
  c.argv = std::move(argv);
  return c;
}

}  // namespace vmm::auth
