#include "admin/domain_listing.h"

#include "domain/account.h"
#include "domain/account_name.h"
#include "fmt/time_text.h"
#include "sys/error.h"

namespace vmm::admin {

namespace {

constexpr const char* kHeader = "User Mailbox Aliases\n";
constexpr const char* kLastLoginHeader = "User Mailbox Last-Login Aliases\n";

bool shown(ListFilter filter, const fmt::Record& r) {
  switch (filter) {
    case ListFilter::all: return true;
    case ListFilter::aliases: return domain::is_alias(r);
    case ListFilter::mailboxes: return !domain::is_alias(r);
  }
  return true;
}

// The line with the Last-Login column after Mailbox; "" when --not-since
// leaves the account out.
std::string last_login_line(std::string_view name, const fmt::Record& r,
                            const LastLoginColumn& column) {
  std::string when = "-";
  if (r.has_mailbox) {
    std::optional<std::time_t> last = column.logins.find(name);
    if (column.not_since && last && *last >= *column.not_since) return "";
    when = last ? fmt::time_text(*last) : "never";
  } else if (column.not_since) {
    return "";
  }
  std::string line = listing_line(name, r);
  std::size_t mailbox_end = line.find(' ', name.size() + 1);
  if (mailbox_end == std::string::npos) mailbox_end = line.size();
  return line.substr(0, mailbox_end) + " " + when + line.substr(mailbox_end);
}

// Adds the line of one account, or the reason it cannot be shown.
void add_account(Listing& out, ListFilter filter, std::string_view name, std::string_view raw,
                 const LastLoginColumn* last_login) {
  fmt::Record r;
  try {
    r = fmt::decode_record(raw);
  } catch (const Error& e) {
    out.problems.push_back("account '" + std::string(name) + "': " + e.what());
    return;
  }
  if (!shown(filter, r)) return;
  if (!last_login) {
    out.text += listing_line(name, r) + "\n";
    return;
  }
  try {
    std::string line = last_login_line(name, r, *last_login);
    if (!line.empty()) out.text += line + "\n";
  } catch (const Error& e) {
    out.problems.push_back("account '" + std::string(name) + "': " + e.what());
  }
}

}  // namespace

std::string listing_line(std::string_view name, const fmt::Record& r) {
  std::string line(name);
  if (!r.has_mailbox) {
    line += " No";
  } else {
    line += r.mailbox_enabled ? " Yes" : " Yes(disabled)";
  }
  for (const std::string& forward : r.forwards) line += " " + forward;
  return line;
}

Listing list_domain(const store::TableSnapshot& table, ListFilter filter,
                    const std::vector<std::string>& names, const LastLoginColumn* last_login) {
  Listing out;
  out.text = last_login ? kLastLoginHeader : kHeader;
  if (names.empty()) {
    table.for_each([&](std::string_view name, std::string_view raw) {
      add_account(out, filter, name, raw, last_login);
      return true;
    });
    return out;
  }
  for (const std::string& given : names) {
    std::string name;
    try {
      name = domain::account_name(given);
    } catch (const Error& e) {
      out.problems.push_back(e.what());
      continue;
    }
    std::optional<std::string_view> raw = table.find_raw(name);
    if (!raw) {
      out.problems.push_back("account '" + name + "' does not exist");
      continue;
    }
    add_account(out, filter, name, *raw, last_login);
  }
  return out;
}

}  // namespace vmm::admin
