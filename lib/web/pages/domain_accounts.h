// The domain administrator's first page (SPEC §18): every account with its
// mailbox, enabled flag, forwards, quota and usage, and the forms to add
// an account or an alias.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"
#include "web/daemon_client.h"
#include "web/page.h"

namespace vmm::web {

struct AccountRow {
  std::string name;
  fmt::Record record;
  std::optional<MailboxUsage> usage;  // nullopt: no mailbox, or stat failed
};

// message: the result of the last change ("" none), shown as ok.
std::string accounts_page(const PageFrame& frame, std::string_view domain,
                          const std::vector<AccountRow>& rows, std::string_view message);

}  // namespace vmm::web
