#include "admin/account_add_users.h"

#include "admin/account_add.h"
#include "admin/account_batch.h"
#include "sys/error.h"

namespace vmm::admin {

AddUsersResult add_user_lines(const domain::Domain& d, std::string_view input, std::time_t now,
                              const HashFn& hash) {
  AddUsersResult result;
  const store::TableSnapshot table = d.table().read();
  Plan plan;
  for (const BatchLine& line : batch_lines(input)) {
    const std::size_t before = plan.size();
    try {
      std::vector<std::string_view> fields = split_fields(line.text);
      NewAccount account = plan_account(d, fields[0], AccountOptions{}, "", now);
      if (fields.size() < 2) throw Error(ErrorClass::permanent, "no password given for '" + account.name + "'");
      check_new_account(d, table, account, plan);
      account.record.password = hash(fields[1]);
      const std::string owner = account.name;
      plan.add(d, std::move(account));
      for (std::size_t i = 2; i < fields.size(); ++i) {
        NewAccount alias = plan_alias(d, fields[i], {owner}, now);
        check_new_account(d, table, alias, plan);
        plan.add(d, std::move(alias));
      }
    } catch (const Error& e) {
      if (e.cls() == ErrorClass::temporary) throw;
      plan.truncate(before);
      result.problems.push_back(line_problem(line, e.what()));
    }
  }
  if (plan.size() > 0) add_accounts(d, plan.accounts());
  result.added = plan.accounts();
  return result;
}

}  // namespace vmm::admin
