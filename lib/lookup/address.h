// "Would vdeliver take mail for this address?" asked at SMTP time: the
// address resolved as a login is (domain::resolve_address), then the
// account checked as vdeliver checks it (domain::check_recipient). Reads
// control/virtualdomains, control/locals, the user database and the base
// user's table; never writes anything.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/address.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "domain/recipient.h"
#include "lookup/system.h"

namespace vmm::lookup {

enum class AddressStatus {
  accepted,  // vdeliver would take mail for it (the account, or the catch-all)
  unknown,   // an address of a virtual domain that vdeliver would refuse
  not_ours,  // not an address of a virtual domain (no '@', a domain in
             // locals or not in virtualdomains, a local name a system user
             // owns whole, or not an address at all): not ours to judge
};

struct AddressAnswer {
  AddressStatus status = AddressStatus::not_ours;
  domain::ResolvedAddress address;  // the domain, base user and account asked about
  // Why (for a virtual account): accepted, or vdeliver's refusal. unknown
  // when the base user does not exist or has uid 0.
  domain::RecipientStatus recipient = domain::RecipientStatus::unknown;
  std::string chosen;  // the account vdeliver would deliver to (maybe the catch-all)
};

// Every failure is Error(temporary) (mail waits; it is never refused for
// it): control files or the user database that cannot be read, a base
// user's home that is not a directory, a table that cannot be read or is
// corrupt (a 0-byte file too), a record that does not decode (its
// message names the account, never a field of the record). As root the
// base user's settings and table are read with its identity borrowed
// (sys.borrow), so a symlink of the base user's never makes root read
// another file; a base user with uid 0 is unknown (no table is read as
// root). As anyone else they are read with the rights the process has.
// A home without a table file is a domain without accounts (as for vdeliver).
AddressAnswer look_up_address(std::string_view address, const domain::Config& global,
                              const domain::UserDb& users, LookupSystem& sys);

// "BASE+ACCOUNT": the base user's local address with the account as its
// extension, how Postfix hands an accepted address to ~base/.forward and
// vdeliver (recipient_delimiter '+'). nullopt unless it is one plain
// address (a dot-atom: no byte of ()<>[]:;@\,". or a space, no dot at
// either end or twice in a row), so that an answer can never be read as a
// list of addresses or as another address.
std::optional<std::string> mapping_target(const AddressAnswer& answer);

}  // namespace vmm::lookup
