#include "auth/rehash.h"

#include <exception>
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

void rehash_on_login(LoginSystem& sys, const VerifiedLogin& login, std::string_view password) {
  // A current hash needs nothing: no borrowed identity (an NSS group
  // lookup and six uid switches), no setting read. The common login.
  if (!login.virtual_account() || !domain::is_legacy_hash(login.record.password)) return;
  try {
    const domain::BaseUser& base = login.target.base;
    auto work = [&] {
      if (!wants_rehash(login.domain->config(), login.record)) return;
      store::Table table = login.domain->table();
      rehash_password(table, login.target.account, login.record.password, password,
                      kRehashLockWait);
    };
    if (sys.uid() == base.uid)
      work();
    else if (sys.uid() == 0)
      sys.borrow(sys::Identity{base.name, base.uid, base.gid}, work);
  } catch (const std::exception& e) {
    sys.warn("unable to rehash the password of " + login.known_as + ": " + e.what());
  }
}

}  // namespace vmm::auth
