// vchforwards (SPEC §8): replaces the forward list of one account.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"
#include "store/table.h"

namespace vmm::admin {

// In ONE table update, under the lock: the account raw_name (checked and
// lowercased by account_name) gets exactly dests as its forwards, in the
// order given (none clears the list). Each dest must pass check_forward
// against the table as it is then; a dest naming an account is stored
// lowercased, an address as given; the account itself is refused (a mail
// loop). Any problem is Error(permanent) and the table stays as it was.
// Returns the stored record.
fmt::Record change_forwards(store::Table& table, std::string_view raw_name,
                            const std::vector<std::string>& dests);

}  // namespace vmm::admin
