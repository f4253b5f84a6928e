// The forms an administrator's account page and a user's own page share:
// password, forwards, autoresponse. An administrator's forms name the
// account in a hidden field; a user's name none (the session names it).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"
#include "web/daemon_client.h"
#include "web/page.h"

namespace vmm::web {

struct AutoresponseView {
  // "enabled", "disabled", "missing message file", "nonexistant" (the
  // daemon's words); "" when the account cannot have one (then reason).
  std::string status;
  std::optional<std::string> message;
  std::string reason;
};

// name: the account, or "" on a user's own page. ask_current: the user
// confirms with the current password.
std::string password_form(const PageFrame& frame, std::string_view action, std::string_view name,
                          bool ask_current);
std::string forwards_form(const PageFrame& frame, std::string_view action, std::string_view name,
                          const std::vector<std::string>& forwards);
std::string autoresponse_form(const PageFrame& frame, std::string_view action,
                              std::string_view name, const AutoresponseView& view);

// The forwards as one text: one per line.
std::string forwards_text(const std::vector<std::string>& forwards);
// The forwards of a form's text: split at blanks, line ends and commas.
std::vector<std::string> forwards_of_text(std::string_view text);


// The account's state as a list: mailbox, enabled, forwards, quota, usage,
// personal information.
std::string account_summary(const fmt::Record& record, const std::optional<MailboxUsage>& usage);
// "yes", "no" or "alias" (neither mailbox nor password: vaddalias's kind).
std::string mailbox_text(const fmt::Record& record);
std::string usage_text(const std::optional<MailboxUsage>& usage);

}  // namespace vmm::web
