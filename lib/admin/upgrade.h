// vupgrade (SPEC §8): brings a domain's table to version-2 records, either by
// converting the records of passwd.cdb or, in a domain that never had one,
// by importing the legacy text file passwd.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/domain.h"

namespace vmm::admin {

// The version-2 bytes for a stored record (version 1, legacy text, or
// version 2 with flags left out or in another order), or nullopt when raw
// already is exactly what encode_record writes, so it is never rewritten.
// A record that does not decode throws the decode Error.
std::optional<std::string> upgraded_record(std::string_view raw);

struct UpgradeReport {
  enum Source { table, text_file } source = table;
  std::string text_path;              // the legacy text file (imported or not)
  std::size_t converted = 0;          // table: records rewritten in version 2
  std::size_t current = 0;            // table: records already version 2
  std::size_t imported = 0;           // text file: accounts written to the new table
  std::vector<std::string> problems;  // non-empty: the run failed (see upgrade_domain)
  std::vector<std::string> notes;
};

// Under the table lock, decided there:
//  - the table exists: every record that upgraded_record changes is rewritten
//    in place (a key with capitals is stored lowercased, unless that name is
//    taken); a record that does not decode is a problem and stays as it is;
//    the text file, if any, is not read (a note says so);
//  - no table but the text file home/<password-file>: every line imported
//    (parse_legacy_passwd) in ONE update, all or nothing: a single bad line
//    is a problem and nothing is written. The text file is left in place;
//  - neither: Error(permanent).
// Running it again changes nothing.
UpgradeReport upgrade_domain(const domain::Domain& d);

}  // namespace vmm::admin
