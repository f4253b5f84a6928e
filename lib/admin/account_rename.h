// vrenuser (SPEC §20): an account gets a new name — its record, its
// directory and every forward of the domain naming it — in ONE table
// rewrite, and a crash at any moment leaves the domain working under the
// old name or under the new one, never half of each.
//
// How, all under the table's writer lock:
//  1. a journal, ~base/<password-file>.rename, says what is about to happen
//     (written, fsynced);
//  2. the new directory's place gets a symbolic link to the old directory;
//  3. the table is rewritten once: the record under the new name pointing
//     at the new place (reached through the link), forwards renamed;
//  4. the old directory and the link trade places (renameat2
//     RENAME_EXCHANGE): the directory is at its new place, the old place
//     a link, which is then removed; the last-login time moves along;
//  5. the journal goes.
// Before 3 the old name works (the link is unused); from 3 on the new one
// does, through the link until 4. The next vrenuser finishes (after 3) or
// undoes (before 3) whatever a crash left, from the journal and the table.
#pragma once
#include <string>
#include <vector>

#include "domain/base_user.h"
#include "domain/domain.h"

namespace vmm::admin {

// A forward list with every forward naming the account from replaced by to:
// "from" itself (an account of this domain), and "from@D" for each D in
// domains (the mail domains of this base user); the part after '@' is kept
// as written, names compare lowercased. "from@" (completed with
// control/me, another domain) and other domains stay. A renamed forward
// that is already in the list is not added twice. nullopt: nothing named from.
std::optional<std::vector<std::string>> renamed_forwards(const std::vector<std::string>& forwards,
                                                         const std::string& from,
                                                         const std::string& to,
                                                         const std::vector<std::string>& domains);

// The mail domains of d: every domain of <qmail-root>/control/virtualdomains
// whose base user's home is d's home (suffix lines, ".example.com", name
// no single domain and are left out). A control file or user lookup that
// fails throws.
std::vector<std::string> domains_of_home(const domain::Domain& d, const domain::UserDb& users);

struct Renamed {
  std::string from, to;              // lowercased
  std::string old_dir, new_dir;      // stored directories; "" when it has none
  std::string dir_note;              // set when the directory stayed where it was, and why
  std::vector<std::string> forwarders;  // accounts whose forwards were renamed (to included)
  std::vector<std::string> problems;    // records whose forwards could not be looked at
  std::string finished;              // what an earlier, interrupted rename needed ("" nothing)
};

// Renames from to to (names checked and lowercased). Refused with
// Error(permanent), nothing changed: an invalid name, the same name twice,
// from missing or not decoding, to existing already, or the new directory's
// place taken. The directory moves when it is where vadduser puts from's
// (the current user-dir layout, or under user-dir with from's name as its
// last part): to new_account_dir(to). Any other directory (vadduser -d)
// stays and dir_note says so. domains: see renamed_forwards.
Renamed rename_account(const domain::Domain& d, const std::string& from, const std::string& to,
                       const std::vector<std::string>& domains);

// Finishes or undoes a rename a crash interrupted (steps above), as
// rename_account does first; the caller holds the table's lock. "" when
// there was no journal, else what was done ("finished renaming 'a' to
// 'b'", "undid the unfinished renaming of 'a' to 'b'").
std::string finish_interrupted_rename_unlocked(const domain::Domain& d);

}  // namespace vmm::admin
