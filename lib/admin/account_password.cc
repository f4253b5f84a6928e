#include "admin/account_password.h"

#include <unordered_set>
#include <utility>

#include "admin/account_lookup.h"
#include "domain/password.h"
#include "domain/account_name.h"
#include "sys/error.h"

namespace vmm::admin {
namespace {

struct Change {
  std::string name, hash;
};

void store_hashes(const domain::Domain& d, const std::vector<Change>& changes) {
  d.table().update([&](const store::TableSnapshot& current, store::TableChange& change) {
    for (const Change& c : changes) {
      fmt::Record r = find_account(current, c.name);
      r.password = c.hash;
      change.put(c.name, r);
    }
  });
}

}  // namespace

void set_password(const domain::Domain& d, const std::string& name, const std::string& hash) {
  // Through the change queue (Table::edit): a password change while
  // another writer holds the lock joins its rewrite.
  store::RecordEdit edit;
  edit.password = hash;
  d.table().edit({{name, edit}});
  domain::wipe(*edit.password);
}

PasswordsResult set_password_lines(const domain::Domain& d, std::string_view input,
                                   const HashFn& hash) {
  PasswordsResult result;
  const store::TableSnapshot table = d.table().read();
  std::vector<Change> changes;
  std::unordered_set<std::string> seen;
  for (const BatchLine& line : batch_lines(input)) {
    try {
      auto [raw_name, password] = split_first(line.text);
      std::string name = domain::account_name(raw_name);
      if (password.empty()) throw Error(ErrorClass::permanent, "no password given for '" + name + "'");
      find_account(table, name);
      if (seen.contains(name))
        throw Error(ErrorClass::permanent, "account '" + name + "' is given twice");
      changes.push_back({name, hash(password)});  // a bad password skips the line whole
      seen.insert(name);
    } catch (const Error& e) {
      if (e.cls() == ErrorClass::temporary) throw;
      result.problems.push_back(line_problem(line, e.what()));
    }
  }
  if (!changes.empty()) store_hashes(d, changes);
  for (Change& c : changes) result.changed.push_back(std::move(c.name));
  return result;
}

}  // namespace vmm::admin
