// Account names and forward destinations (SPEC §3.5): what may be stored in
// a table. Every tool checks names here, so case handling is the same
// everywhere.
#pragma once
#include <string>
#include <string_view>

#include "store/table.h"

namespace vmm::domain {

// The lowercased name, or Error(permanent, "invalid account name 'RAW':
// <reason>") with control bytes and '\\' of RAW written as C escapes.
// A valid name is 1-64 bytes, holds none of / : newline, carriage return,
// tab, space, NUL, and does not start with '.' ("." and ".." included).
// Other bytes, 8-bit ones too, are allowed.
std::string account_name(std::string_view raw);
bool is_valid_account_name(std::string_view raw);

// A forward is an address "local@domain" (exactly one '@', a non-empty local
// part; an empty domain is completed at delivery) or the name of an account
// in table. No whitespace, control bytes or NUL. Otherwise
// Error(permanent, "invalid forward 'DEST': <reason>").
void check_forward(std::string_view dest, const store::TableSnapshot& table);

}  // namespace vmm::domain
