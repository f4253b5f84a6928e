#include "auth/maildir.h"

#include <utility>

#include "fmt/ascii.h"

namespace vmm::auth {

std::optional<std::size_t> maildir_argument(const std::vector<std::string>& args,
                                            std::string_view marker) {
  if (args.empty()) return std::nullopt;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (fmt::contains_nocase(args[i], marker)) return i;
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
