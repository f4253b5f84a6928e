// The domain administrator's first page (SPEC §18): the accounts with their
// mailbox, enabled flag, forwards, quota and usage, and the forms to add
// an account or an alias. A big domain is shown kAccountsPerPage accounts
// at a time, with a search by name: each usage is one `stat` request to
// vmailmgrd, asked only for the accounts on the page.
#pragma once
#include <cstddef>
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

inline constexpr std::size_t kAccountsPerPage = 50;

// Which of a listing's accounts one page shows.
struct AccountPage {
  std::string find;               // the search as given ("" all)
  std::size_t start = 0;          // the first shown, among those found
  std::size_t found = 0;          // how many match find
  std::vector<std::size_t> shown; // indexes into the listing, at most kAccountsPerPage
};

// The accounts whose name contains find (ASCII letters in either case),
// in name order (letters' case aside), from the start-th of them on. start
// is the page's query value: not a number, or past the end, is the first
// page.
AccountPage select_accounts(const std::vector<ListedAccount>& listing, std::string_view find,
                            std::string_view start);

// rows: the shown accounts, in page's order. message: the result of the
// last change ("" none), shown as ok.
std::string accounts_page(const PageFrame& frame, std::string_view domain, const AccountPage& page,
                          const std::vector<AccountRow>& rows, std::string_view message);

}  // namespace vmm::web
