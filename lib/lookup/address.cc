#include "lookup/address.h"

#include <utility>

#include "domain/control_files.h"
#include "domain/domain.h"
#include "domain/login.h"
#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::lookup {
namespace {

using domain::RecipientStatus;

// RFC 5322 atext, and any byte >= 0x80 (an SMTPUTF8 local part).
bool atext(unsigned char c) {
  if (c >= 0x80) return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

bool dot_atom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i + 1] == '.') return false;
    } else if (!atext(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

void check_account(AddressAnswer& a, const domain::Config& global, LookupSystem& sys) {
  const domain::BaseUser& base = a.address.base;
  const domain::Domain domain(base.home, global);
  domain::RecipientCheck c;
  std::string table;  // its path, for a bad record
  // Everything of the base user's (settings, table) is read inside.
  auto check = [&] {
    // No home is no domain yet to answer for (a file system not mounted):
    // never "no such account" for it.
    if (!sys::is_directory(base.home))
      throw Error(ErrorClass::temporary, "the home directory of base user " + base.name + ", " +
                                             base.home + ", is not a directory");
    c = domain::check_recipient(domain, a.address.account, sys.now());
    if (c.status == RecipientStatus::bad_record) table = domain.table().path();
  };
  if (sys.uid() == 0)
    sys.borrow(sys::Identity{base.name, base.uid, base.gid}, check);
  else
    check();
  if (c.status == RecipientStatus::bad_record)  // c.problem may quote the record: not shown
    throw Error(ErrorClass::temporary,
                table + ": the record of account '" + c.name + "' does not decode");
  a.recipient = c.status;
  a.chosen = std::move(c.name);
  a.status = c.status == RecipientStatus::accepted ? AddressStatus::accepted
                                                   : AddressStatus::unknown;
}

}  // namespace

AddressAnswer look_up_address(std::string_view address, const domain::Config& global,
                              const domain::UserDb& users, LookupSystem& sys) {
  AddressAnswer a;
  try {
    const domain::ControlFiles control = domain::read_control(domain::control_paths(global), sys.now());
    a.address = domain::resolve_address(address, control, users);
    switch (a.address.outcome) {
      case domain::AddressLookup::malformed:
      case domain::AddressLookup::not_virtual: return a;
      case domain::AddressLookup::no_base_user: a.status = AddressStatus::unknown; return a;
      case domain::AddressLookup::virtual_account: break;
    }
    if (a.address.base.uid == 0) {
      a.status = AddressStatus::unknown;
      return a;
    }
    check_account(a, global, sys);
  } catch (const Error& e) {
    throw Error(ErrorClass::temporary, e.what(), e.err());
  }
  return a;
}

std::optional<std::string> mapping_target(const AddressAnswer& answer) {
  if (answer.status != AddressStatus::accepted) return std::nullopt;
  std::string target = answer.address.base.name + "+" + answer.address.account;
  if (!dot_atom(target)) return std::nullopt;
  return target;
}

}  // namespace vmm::lookup
