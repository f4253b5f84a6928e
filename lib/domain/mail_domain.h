// vadddomain's operands (SPEC §20): the mail domain, and the Unix user
// name of its base user.
#pragma once
#include <string>
#include <string_view>

namespace vmm::domain {

// The domain lowercased, or Error(permanent, "invalid domain 'RAW': WHY"):
// 1 to 253 bytes of labels separated by single dots, each label 1 to 63
// bytes of a-z 0-9 '-' '_', not starting or ending with '-'. qmail's
// ".example.com" lines (every sub-domain) are refused: they are not one
// domain to add or remove, and are written by hand.
std::string mail_domain(std::string_view raw);

// The base user vadddomain makes when none is named: the domain with every
// '.' and '-' turned into '_' (example-shop.com -> example_shop_com). A base
// user name without '-' can never be read as another base user plus an
// account (SPEC §5 step 3 splits local names at '-'). Error(permanent)
// when that is longer than 32 bytes, the longest name useradd takes by
// default: the administrator names one.
std::string default_base_user(std::string_view domain);

// A user name vadddomain may give useradd: 1 to 32 bytes of a-z 0-9 '_'
// '.' '-', not starting with '-' or '.', not all digits (useradd would take
// it as a uid). Otherwise Error(permanent, "invalid user name 'RAW': WHY").
void check_user_name(std::string_view name);

}  // namespace vmm::domain
