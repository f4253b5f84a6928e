// The account record the table tests store (the temporary directory and the
// file utilities are the shared ones in ../testing/).
#pragma once
#include <string>

#include "fmt/record.h"

namespace vmm::table_testing {

// A plain account record whose password tells records apart.
inline fmt::Record account(const std::string& password, const std::string& personal = "") {
  fmt::Record r;
  r.password = password;
  r.directory = "./users/" + password;
  r.has_mailbox = true;
  r.personal = personal;
  r.ctime = 1700000000;
  return r;
}

}  // namespace vmm::table_testing
