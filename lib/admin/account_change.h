// vchattr (SPEC §8, §13): attributes set on named accounts in one table update.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"
#include "store/record_edit.h"
#include "store/table.h"

namespace vmm::admin {

// The attributes one vchattr run sets; an unset member is left as stored.
struct AttrChange {
  std::optional<fmt::Limit> msg_count, expiry, hard_quota, soft_quota, msg_size;
  std::optional<bool> enabled;
  std::optional<std::string> personal;

  std::size_t count() const;       // how many attributes are set
  store::RecordEdit edit() const;  // the table edit that sets them
};

// Parses VALUE for the vchattr option letter: c (message count), e (expiry:
// absolute unix time), q (soft quota), Q (hard quota), z (message size) take
// digits or "-" (unlimited / never), 0 being a real 0; E takes 0 or 1
// (mailbox enabled); p any text without control characters (personal
// information). A bad value is Error(permanent) naming the attribute; an
// unknown letter is a programming error (std::logic_error).
void set_attribute(AttrChange& change, char option, std::string_view value);

// Applies change to every named account (checked and lowercased with
// account_name) in ONE table update, all or nothing: an invalid name, an
// account not in the table or a record that does not decode (find_account's
// messages) throws Error(permanent) and the table is left as it was. No
// attribute at all, or no name, is Error(usage). Returns the lowercased
// names in the order given, each once. Goes through the table's change
// queue (Table::edit): concurrent changes share one rewrite.
std::vector<std::string> change_attributes(store::Table& table, const AttrChange& change,
                                           const std::vector<std::string>& names);

}  // namespace vmm::admin
