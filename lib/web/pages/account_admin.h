// An administrator's page of one account (SPEC §18): its state, and the
// forms to set its password, forwards, limits, mailbox flag, personal
// information and autoresponse; and the page that confirms a deletion.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "fmt/record.h"
#include "web/daemon_client.h"
#include "web/page.h"
#include "web/pages/account_forms.h"

namespace vmm::web {

struct AccountView {
  std::string domain;
  std::string name;
  fmt::Record record;
  std::optional<MailboxUsage> usage;
  AutoresponseView autoresponse;
};

std::string account_admin_page(const PageFrame& frame, const AccountView& view,
                               std::string_view message);

std::string delete_confirm_page(const PageFrame& frame, std::string_view domain,
                                std::string_view name, const fmt::Record& record);

}  // namespace vmm::web
