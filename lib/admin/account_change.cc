#include "admin/account_change.h"

#include <algorithm>
#include <stdexcept>

#include "admin/account_lookup.h"
#include "admin/tool_input.h"
#include "domain/account_name.h"
#include "sys/error.h"

namespace vmm::admin {

namespace {

// Personal information ends up in listings and logs: one printable line.
std::string checked_personal(std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f)
      throw Error(ErrorClass::permanent,
                  "bad personal information: it contains a control character");
  }
  return std::string(value);
}

}  // namespace

std::size_t AttrChange::count() const {
  return msg_count.has_value() + expiry.has_value() + hard_quota.has_value() +
         soft_quota.has_value() + msg_size.has_value() + enabled.has_value() + personal.has_value();
}

store::RecordEdit AttrChange::edit() const {
  store::RecordEdit e;
  e.msg_count = msg_count;
  e.expiry = expiry;
  e.hard_quota = hard_quota;
  e.soft_quota = soft_quota;
  e.msg_size = msg_size;
  e.mailbox_enabled = enabled;
  e.personal = personal;
  return e;
}

void set_attribute(AttrChange& change, char option, std::string_view value) {
  switch (option) {
    case 'c': change.msg_count = parse_limit(value, "message count"); return;
    case 'e': change.expiry = parse_time(value, "expiry time"); return;
    case 'q': change.soft_quota = parse_limit(value, "soft quota"); return;
    case 'Q': change.hard_quota = parse_limit(value, "hard quota"); return;
    case 'z': change.msg_size = parse_limit(value, "message size"); return;
    case 'E': change.enabled = parse_flag(value, "mailbox enabled value"); return;
    case 'p': change.personal = checked_personal(value); return;
    default: break;
  }
  throw std::logic_error(std::string("vchattr has no attribute option '") + option + "'");
}

std::vector<std::string> change_attributes(store::Table& table, const AttrChange& change,
                                           const std::vector<std::string>& names) {
  if (change.count() == 0)
    throw Error(ErrorClass::usage, "no attribute to change (one of -c -e -E -p -q -Q -z)");
  if (names.empty()) throw Error(ErrorClass::usage, "missing account name");
  std::vector<std::string> accounts;
  for (const std::string& given : names) {
    std::string name = domain::account_name(given);
    if (std::find(accounts.begin(), accounts.end(), name) == accounts.end())
      accounts.push_back(std::move(name));
  }
  // Through the table's change queue: while another writer holds the lock
  // this change joins its rewrite instead of waiting for a rewrite of its own.
  const store::RecordEdit edit = change.edit();
  store::Edits edits;
  for (const std::string& name : accounts) edits.emplace_back(name, edit);
  table.edit(edits);
  return accounts;
}

}  // namespace vmm::admin
