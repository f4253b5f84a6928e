// dumpvuser (SPEC §13): every field of one account as "Key: value" lines,
// with VMailMgr 0.97's keys and order, since scripts parse this output.
#pragma once
#include <string>
#include <string_view>

#include "fmt/record.h"
#include "store/table.h"

namespace vmm::admin {

// Name, Encrypted-Password, Directory (always present, possibly empty), one
// Forward per forward, Hard-Quota, Soft-Quota, Message-Size-Limit,
// Message-Count-Limit, Creation-Time, Expiry-Time ("N/A" when unlimited or
// never), Has-Mailbox and Mailbox-Enabled ("true"/"false"); each line ends
// in '\n'. The personal information is not shown, as in 0.97.
std::string dump_record(std::string_view name, const fmt::Record& r);

// The dump of the account raw_name (checked and lowercased by account_name).
// Error(permanent): invalid name, or as find_account (account_lookup.h):
// "account 'NAME' does not exist", "account 'NAME': <why it does not decode>".
std::string dump_account(const store::TableSnapshot& table, std::string_view raw_name);

}  // namespace vmm::admin
