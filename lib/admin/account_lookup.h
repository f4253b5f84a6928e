// Finding the account a tool operates on, with the messages every tool uses.
#pragma once
#include <string>
#include <string_view>

#include "fmt/record.h"
#include "store/table.h"

namespace vmm::admin {

// The decoded record of name (already lowercased). A missing account is
// Error(permanent, "account 'NAME' does not exist"); a record that does not
// decode is Error(permanent, "account 'NAME': <what is wrong>").
fmt::Record find_account(const store::TableSnapshot& table, const std::string& name);

}  // namespace vmm::admin
