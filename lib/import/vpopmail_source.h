// vpopmail domains (SPEC §19): the domain directory (by default
// ~vpopmail/domains/DOMAIN) holds vpasswd, lines
// "NAME:HASH:UID:FLAGS:GECOS:DIR:QUOTA[:CLEAR]" (the clear-text copy is never
// read), each account's Maildir in DIR/Maildir (with its Maildir++ folders),
// DIR/.qmail with the account's own forwards, .qmail-NAME aliases, and
// .qmail-default running vdelivermail, whose last argument is the catch-all
// (an address, a local Maildir, or bounce-no-mailbox / delete for none).
// DIR is read under --root; when it is not there, the part of DIR after
// "/DOMAIN/" is looked for in the domain directory (a copied tree).
#pragma once
#include <string_view>

#include "fmt/record.h"
#include "import/source.h"

namespace vmm::import {

Source read_vpopmail(const SourcePaths& paths);

struct VpopmailQuota {
  fmt::Limit bytes, messages;
  bool valid = true;  // false: vpopmail would not understand it either
};

// vpopmail's quota forms: "NOQUOTA" or "" (none), "1048576S,1000C", "1000C",
// "1048576", "1M", "1024K", "1MB", "1mbs,1000C" (format_maildirquota's rules).
VpopmailQuota parse_vpopmail_quota(std::string_view quota);

}  // namespace vmm::import
