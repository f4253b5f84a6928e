// vdeluser (SPEC §8): delete accounts' records (one table update), then
// their directories, never following a symlink at or below the account
// directory (sys/remove_tree.h) and never touching anything that is not
// plainly that account's own directory. The levels above it (users/, hash
// levels) are the administrator's layout and may be symlinks.
#pragma once
#include <string>
#include <vector>

#include "domain/domain.h"

namespace vmm::admin {

enum class DirOutcome {
  removed,  // the directory and everything in it is gone
  none,     // no directory stored, or nothing on disk
  kept,     // left in place on purpose; reason says why
  failed,   // removing it failed; reason holds the error
};

struct Deleted {
  std::string name;
  std::string directory;  // as stored; "" when none or unknown
  DirOutcome outcome = DirOutcome::none;
  std::string reason;
};

// names are validated and lowercased (repeats count once); each must exist,
// else Error(permanent, "account 'NAME' does not exist") and nothing changes.
// aliases_only (-D) refuses, the same way, an account with a mailbox
// ("account 'NAME' has a mailbox") or whose record does not decode.
// The records go in one update. A record that does not decode is still
// deleted (that is how one gets rid of it), its directory unknown and kept.
// A directory is kept when it is outside the base home or the home itself,
// holds the user-dir, equals or holds another account's directory, or is a
// dot entry or the table's own file directly in the home. The accounts'
// last-login times go too (best effort).
std::vector<Deleted> delete_accounts(const domain::Domain& d, const std::vector<std::string>& names,
                                     bool aliases_only);

}  // namespace vmm::admin
