// vrehash (SPEC §8): moves every account directory to where the current
// user-dir, user-dir-bits and user-dir-slices settings put it.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "domain/domain.h"

namespace vmm::admin {

struct RehashReport {
  struct Move {
    std::string name, from, to;  // stored directories, before and after
    bool renamed;                // false: an earlier, interrupted run had moved it
  };
  std::vector<Move> moved;            // recorded in the table
  std::size_t in_place = 0;           // already where the layout puts them
  std::vector<std::string> notes;     // left alone on purpose (outside the home, missing)
  std::vector<std::string> failures;  // left alone because something is wrong
};

// Under the table lock, for each account with a stored directory that is not
// where Domain::new_account_dir puts it:
//  - the directory is outside the base home, or is the home: left alone (note);
//  - it exists and the new place does not: parents made (0755), renamed
//    (never replacing anything), hash directories it leaves empty removed;
//  - it is missing but the new place exists (a crash between the renames and
//    the table write): the new place is recorded, emptied hash directories
//    removed;
//  - both exist: a failure, nothing moved; neither: a note.
// Then ONE table update stores every new directory; all other records stay
// byte for byte. A record that does not decode, a key with capital letters
// (left for vupgrade), or a rename that fails, is a failure for that account
// only. A crash at any point loses no mail, and
// running again finishes the job. Accounts without a directory are skipped.
RehashReport rehash_domain(const domain::Domain& d);

}  // namespace vmm::admin
