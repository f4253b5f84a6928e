#include "admin/account_lookup.h"

#include "sys/error.h"

namespace vmm::admin {

fmt::Record find_account(const store::TableSnapshot& table, const std::string& name) {
  fmt::Record r;
  std::string problem;
  switch (table.find(name, r, &problem)) {
    case store::Lookup::found:
      return r;
    case store::Lookup::missing:
      throw Error(ErrorClass::permanent, "account '" + name + "' does not exist");
    case store::Lookup::bad_record:
      break;
  }
  throw Error(ErrorClass::permanent, problem);
}

}  // namespace vmm::admin
