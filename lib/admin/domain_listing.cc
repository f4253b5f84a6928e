#include "admin/domain_listing.h"

#include "domain/account.h"
#include "domain/account_name.h"
#include "sys/error.h"

namespace vmm::admin {

namespace {

constexpr const char* kHeader = "User Mailbox Aliases\n";

bool shown(ListFilter filter, const fmt::Record& r) {
  switch (filter) {
    case ListFilter::all: return true;
    case ListFilter::aliases: return domain::is_alias(r);
    case ListFilter::mailboxes: return !domain::is_alias(r);
  }
  return true;
}

// Adds the line of one account, or the reason it cannot be shown.
void add_account(Listing& out, ListFilter filter, std::string_view name, std::string_view raw) {
  fmt::Record r;
  try {
    r = fmt::decode_record(raw);
  } catch (const Error& e) {
    out.problems.push_back("account '" + std::string(name) + "': " + e.what());
    return;
  }
  if (shown(filter, r)) out.text += listing_line(name, r) + "\n";
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
                    const std::vector<std::string>& names) {
  Listing out;
  out.text = kHeader;
  if (names.empty()) {
    table.for_each([&](std::string_view name, std::string_view raw) {
      add_account(out, filter, name, raw);
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
    add_account(out, filter, name, *raw);
  }
  return out;
}

}  // namespace vmm::admin
