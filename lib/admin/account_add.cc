#include "admin/account_add.h"

#include <optional>
#include <string>

#include "store/maildir_create.h"
#include "sys/error.h"
#include "sys/remove_tree.h"

namespace vmm::admin {
namespace {

struct Made {
  std::string name, path;
};

// After a failed update: removes each directory made here unless the table
// does name it after all (the update failed after its rename), or cannot
// be read to tell.
void undo(const domain::Domain& d, const std::vector<Made>& made) {
  std::optional<store::TableSnapshot> now;
  try {
    now.emplace(d.table().read());
  } catch (...) {
    return;  // cannot tell: keep everything rather than guess
  }
  for (const Made& m : made) {
    fmt::Record r;
    store::Lookup found = now->find(m.name, r);
    if (found == store::Lookup::bad_record) continue;
    if (found == store::Lookup::found && d.absolute(r.directory) == m.path) continue;
    try {
      sys::remove_tree(m.path);
    } catch (...) {
      // the update's error is the one to report; a left-over empty Maildir is harmless
    }
  }
}

}  // namespace

void add_accounts(const domain::Domain& d, const std::vector<NewAccount>& accounts) {
  std::vector<Made> made;
  try {
    store::NewDirs dirs;
    for (const NewAccount& a : accounts) {
      if (a.make == MakeDir::none) continue;
      std::string path = d.absolute(a.record.directory);
      if (a.make == MakeDir::maildir)
        dirs.create_maildir(path);
      else
        dirs.create_account_dir(path);
      made.push_back({a.name, path});
    }
    dirs.sync();
    d.table().update([&](const store::TableSnapshot& current, store::TableChange& change) {
      for (const NewAccount& a : accounts) {
        if (current.contains(a.name))
          throw Error(ErrorClass::permanent, "account '" + a.name + "' already exists");
        change.put(a.name, a.record);
      }
    });
  } catch (...) {
    undo(d, made);
    throw;
  }
}

std::vector<NewAccount> add_with_aliases(const domain::Domain& d, NewAccount account,
                                         const std::vector<std::string>& aliases, std::time_t now,
                                         const std::function<std::string()>& hash) {
  const store::TableSnapshot table = d.table().read();
  Plan plan;
  check_new_account(d, table, account, plan);
  const std::string owner = account.name;
  std::vector<NewAccount> all{std::move(account)};
  plan.add(d, all.front());
  for (const std::string& name : aliases) {
    NewAccount alias = plan_alias(d, name, {owner}, now);
    check_new_account(d, table, alias, plan);
    plan.add(d, alias);
    all.push_back(std::move(alias));
  }
  if (all.front().record.password.empty()) all.front().record.password = hash();
  add_accounts(d, all);
  return all;
}

std::string alias_added_message(const NewAccount& alias) {
  std::string dests;
  for (const std::string& f : alias.record.forwards) dests += (dests.empty() ? "" : ", ") + f;
  return "alias '" + alias.name + "' successfully added, forwarding to " + dests;
}

}  // namespace vmm::admin
