#include "auth/rehash.h"

#include <string>

#include "domain/password.h"

namespace vmm::auth {

bool wants_rehash(const domain::Config& domain_config, const fmt::Record& record) {
  fmt::Limit on = domain_config.number("rehash-on-login");
  return (!on || *on != 0) && domain::is_legacy_hash(record.password);
}

RehashResult rehash_password(store::Table& table, std::string_view account,
                             std::string_view old_hash, std::string_view password,
                             std::chrono::milliseconds wait) {
  // Hashed before taking the lock: yescrypt takes a while, writers should not wait for it.
  std::string fresh = domain::hash_password(password);
  RehashResult result = RehashResult::changed;
  table.set_lock_wait(wait);
  table.update([&](const store::TableSnapshot& current, store::TableChange& change) {
    fmt::Record r;
    if (current.find(account, r) != store::Lookup::found || r.password != old_hash) return;
    r.password = fresh;
    change.put(std::string(account), r);
    result = RehashResult::stored;
  });
  return result;
}

}  // namespace vmm::auth
