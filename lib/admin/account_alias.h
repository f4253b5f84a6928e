// vaddalias operands (SPEC §8, §13): VMailMgr 0.97's "ALIAS DEST..." and the
// HOWTO's older "USER ALIAS" ("vaddalias me myself", "vaddalias me +").
#pragma once
#include <string>
#include <vector>

#include "store/table.h"

namespace vmm::admin {

struct AliasRequest {
  std::string alias;               // as given; plan_alias validates it
  std::vector<std::string> dests;  // forwards, in order
  bool howto_order = false;        // true when read as "USER ALIAS"
};

// Exactly two operands where the first names an existing account, the
// second names none and holds no '@': the second is the alias and forwards
// to the first (lowercased: it is an account name). Otherwise the first is
// the alias and the rest its destinations, as given. Fewer than two
// operands: Error(usage).
AliasRequest alias_request(const std::vector<std::string>& operands,
                           const store::TableSnapshot& table);

}  // namespace vmm::admin
