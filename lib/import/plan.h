// What one vimport run will do to the target domain (SPEC §19), decided
// from a Source and the table as it is, before anything is written:
// - names are checked and lowercased (SPEC §3.5); the catch-all is named by
//   default-username;
// - a name already in the table is never overwritten. It is "already
//   imported" (done, not skipped) when it is what this import makes: an
//   alias with the same forwards; an account whose directory holds the
//   record of an import (store/maildir_fill.h) of the hash the source has
//   now (or, for a plain-text source password, a hash of it) — whatever the
//   user or the administrator changed since (a rehash at first login, the
//   mail read or deleted) is theirs, and its messages are never touched
//   again. Anything else of that name is skipped with the reason: an account
//   not made by an import, one imported from another password, an alias
//   with other forwards. So a second run of the same import changes nothing
//   and skips nothing it did not skip the first time;
// - a name given twice is skipped;
// - hashes are kept as given; an account with none ("", "*", "!", "x") comes
//   in locked ("*", a warning says so); one that is not printable ASCII
//   without blanks is skipped;
// - each forward must be an address or a name of this domain (in the table
//   or imported by this run): anything forwarding to a skipped name is
//   skipped too, so mail never goes where it did not go before;
// - an account's Maildir is the domain's usual directory for its name; one
//   that exists is skipped (nothing is taken over), unless it holds the
//   marker of an import that did not finish (it is then resumed: what that
//   run wrote is kept where it is exactly what this one writes);
// - its mailbox must be readable and, for an mbox, start with a "From " line.
// Limits come from the source (vpopmail quotas) or are unlimited: the
// domain's default-* settings are for new accounts, not moved ones, whose
// mail could be over them at once. No expiry.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "domain/domain.h"
#include "fmt/record.h"
#include "import/source.h"
#include "store/table.h"

namespace vmm::import {

struct PlannedAccount {
  std::string name;  // checked, lowercased
  std::string where;
  fmt::Record record;
  Mailbox mailbox;           // what to bring into the Maildir (none for an alias)
  bool resume = false;       // its directory is an unfinished import's
  std::vector<std::string> warnings;
};

struct Skipped {
  std::string where, name, why;
};

struct Done {
  std::string where, name;
  bool alias = false;
};

struct Plan {
  std::vector<PlannedAccount> accounts;  // in source order
  std::vector<Done> done;                // already imported, in source order
  std::vector<Skipped> skipped;          // by file (in the order the source read them), then line
  std::vector<std::string> finished;     // directories of existing accounts still marked unfinished
};

Plan make_plan(const domain::Domain& d, const store::TableSnapshot& table, const Source& source,
               std::time_t now);

// What an mbox must start with (after empty lines); the reason it cannot be
// read, or "" when it can (a missing file is an empty mailbox).
std::string mbox_problem(const std::string& path);

}  // namespace vmm::import
