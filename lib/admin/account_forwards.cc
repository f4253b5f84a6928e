#include "admin/account_forwards.h"

#include "admin/account_lookup.h"
#include "domain/account_name.h"
#include "sys/error.h"

namespace vmm::admin {

namespace {

// check_forward, then the form the forward is stored in.
std::string checked_forward(std::string_view dest, const std::string& account,
                            const store::TableSnapshot& current) {
  domain::check_forward(dest, current);
  if (dest.find('@') != std::string_view::npos) return std::string(dest);
  std::string name = store::table_key(dest);
  if (name == account)
    throw Error(ErrorClass::permanent,
                "invalid forward '" + std::string(dest) + "': it is the account itself");
  return name;
}

}  // namespace

fmt::Record change_forwards(store::Table& table, std::string_view raw_name,
                            const std::vector<std::string>& dests) {
  std::string name = domain::account_name(raw_name);
  fmt::Record stored;
  table.update([&](const store::TableSnapshot& current, store::TableChange& out) {
    stored = find_account(current, name);
    stored.forwards.clear();
    for (const std::string& dest : dests)
      stored.forwards.push_back(checked_forward(dest, name, current));
    out.put(name, stored);
  });
  return stored;
}

}  // namespace vmm::admin
