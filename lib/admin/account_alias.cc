#include "admin/account_alias.h"

#include "sys/error.h"

namespace vmm::admin {

AliasRequest alias_request(const std::vector<std::string>& operands,
                           const store::TableSnapshot& table) {
  if (operands.size() < 2)
    throw Error(ErrorClass::usage, operands.empty() ? "missing alias and destination"
                                                    : "missing destination");
  const std::string& first = operands[0];
  const std::string& second = operands[1];
  if (operands.size() == 2 && table.contains(first) && !table.contains(second) &&
      second.find('@') == std::string::npos)
    return {second, {store::table_key(first)}, true};
  return {first, {operands.begin() + 1, operands.end()}, false};
}

}  // namespace vmm::admin
