#include "domain/recipient.h"

#include "domain/account.h"
#include "sys/error.h"

namespace vmm::domain {
namespace {

store::TableSnapshot read_table(const Domain& domain) {
  try {
    return domain.table().read();
  } catch (const Error& e) {
    // A table that is there but cannot be read is for the administrator to
    // fix: mail waits, it is never refused for it.
    throw Error(ErrorClass::temporary, e.what(), e.err());
  }
}

// found, missing, or (bad_record) the problem filled in.
store::Lookup find(const store::TableSnapshot& table, std::string_view name, RecipientCheck& out) {
  std::string problem;
  store::Lookup l = table.find(name, out.record, &problem);
  if (l == store::Lookup::bad_record) {
    out.status = RecipientStatus::bad_record;
    out.problem = table.path() + ": " + problem;
  }
  return l;
}

}  // namespace

RecipientCheck check_recipient(const Domain& domain, std::string_view name, std::time_t now) {
  const store::TableSnapshot table = read_table(domain);
  RecipientCheck c;
  c.name = std::string(name);
  store::Lookup l = find(table, name, c);
  if (l == store::Lookup::missing) {
    const std::string catch_all = domain.config().str("default-username");
    if (!catch_all.empty()) l = find(table, catch_all, c);
    if (l == store::Lookup::missing) {
      c.status = RecipientStatus::unknown;
      return c;
    }
    c.name = catch_all;
  }
  if (l != store::Lookup::found) return c;

  const fmt::Record& r = c.record;
  if (account_expired(r, now)) {
    c.status = RecipientStatus::expired;
    return c;
  }
  if (r.has_mailbox && r.mailbox_enabled && !r.directory.empty())
    c.maildir = domain.absolute(r.directory);
  if (c.maildir.empty() && r.forwards.empty()) {
    c.status = !r.has_mailbox       ? RecipientStatus::no_mailbox
               : !r.mailbox_enabled ? RecipientStatus::mailbox_disabled
                                    : RecipientStatus::no_mailbox_dir;
    return c;
  }
  c.status = RecipientStatus::accepted;
  return c;
}

}  // namespace vmm::domain
