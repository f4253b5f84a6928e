// Bringing one old mailbox into a new Maildir (SPEC §19): an mbox split the
// way mb2md splits it (fmt/mbox.h), each message in cur/ with the flags of
// its Status lines and the date of its "From " line as its time (Date::Parse
// rules, fmt/loose_date.h; a date that does not parse leaves the time of
// the import, where mb2md would set 1970); or a Maildir copied file by
// file, names, flags and times kept, its Maildir++ folders too (tmp/ and
// other files, maildirsize and the like, are left: they are rebuilt).
#pragma once
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "fmt/mbox.h"
#include "import/source.h"
#include "store/maildir_fill.h"

namespace vmm::import {

struct MailboxCount {
  std::uint64_t messages = 0, bytes = 0, folders = 0;
  std::vector<std::string> warnings;  // what was left out, and why
};

// fill == nullptr only counts (a dry run); otherwise the fill is finished
// (every message written, a resumed one's leftovers removed) on return. A
// missing mailbox counts nothing.
MailboxCount bring_mailbox(const Mailbox& from, fmt::MboxQuoting quoting, std::time_t now,
                           store::MaildirFill* fill, const std::string& target);

}  // namespace vmm::import
