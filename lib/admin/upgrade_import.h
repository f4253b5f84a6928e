// Reading the legacy text password file (~base/passwd, lines "name:hash:dest")
// that the oldest VMailMgr domains kept instead of passwd.cdb.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/record.h"
#include "store/table.h"

namespace vmm::admin {

struct LegacyImport {
  std::vector<std::pair<std::string, fmt::Record>> accounts;  // file order, names lowercased
  std::vector<std::string> problems;  // "line N: ...": lines that cannot be imported
  std::vector<std::string> notes;     // "line N: ...": imported, but worth a look
};

// Every line through fmt::decode_legacy_line (ctime 0, nothing limited, a
// Maildir dest kept as written, a forward list with its '&' dropped). Empty
// lines and lines starting with '#' are skipped. A line is a problem when it
// does not decode, its name is invalid (SPEC §3.5) or already on an earlier
// line, its hash is not a valid stored hash, or a forward is malformed. A
// forward naming neither an imported account nor one in target is only a
// note: the old domain delivered it the same way.
LegacyImport parse_legacy_passwd(std::string_view text, const store::TableSnapshot& target);

}  // namespace vmm::admin
