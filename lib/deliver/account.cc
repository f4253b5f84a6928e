#include "deliver/account.h"

#include "deliver/refusal.h"
#include "domain/account.h"
#include "sys/error.h"

namespace vmm::deliver {

namespace {

// A broken record or table is for the administrator to fix: mail waits.
bool lookup(const store::TableSnapshot& table, const std::string& name, fmt::Record& out) {
  std::string problem;
  switch (table.find(name, out, &problem)) {
    case store::Lookup::found: return true;
    case store::Lookup::missing: return false;
    case store::Lookup::bad_record: break;
  }
  throw Error(ErrorClass::temporary, table.path() + ": " + problem);
}

store::TableSnapshot read_table(const domain::Domain& domain) {
  try {
    return domain.table().read();
  } catch (const Error& e) {
    throw Error(ErrorClass::temporary, e.what(), e.err());
  }
}

}  // namespace

Recipient find_recipient(const domain::Domain& domain, const std::string& name, std::time_t now) {
  store::TableSnapshot table = read_table(domain);
  Recipient r;
  r.name = name;
  if (!lookup(table, name, r.record)) {
    r.name = domain.config().str("default-username");
    if (r.name.empty() || !lookup(table, r.name, r.record))
      throw DeliveryRefused(Refusal::no_such_user, "no such user '" + name + "'");
  }
  if (domain::account_expired(r.record, now))
    throw DeliveryRefused(Refusal::mailbox_disabled, "account '" + r.name + "' has expired");
  const fmt::Record& rec = r.record;
  if (rec.has_mailbox && rec.mailbox_enabled && !rec.directory.empty())
    r.maildir = domain.absolute(rec.directory);
  if (r.maildir.empty() && rec.forwards.empty()) {
    std::string why = !rec.has_mailbox        ? "has no mailbox and no forwards"
                      : !rec.mailbox_enabled ? "has its mailbox disabled and no forwards"
                                             : "has no mailbox directory and no forwards";
    throw DeliveryRefused(Refusal::mailbox_disabled, "account '" + r.name + "' " + why);
  }
  return r;
}

}  // namespace vmm::deliver
