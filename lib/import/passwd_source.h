// Domains kept in passwd(5)-format files, one file per domain, with one mbox
// per account in a spool directory (SPEC §19):
// - GNU pop3d's virtual patch and vm-pop3d: /etc/virtual/DOMAIN/passwd,
//   mailboxes /var/spool/virtual/DOMAIN/USER;
// - linuxconf's virtual email domains (vpop3d): /etc/vmail/passwd.DOMAIN,
//   the hashes in /etc/vmail/shadow.DOMAIN when the passwd file says "x",
//   aliases in /etc/vmail/aliases.DOMAIN, mailboxes /var/spool/vmail/DOMAIN/USER.
// Lines "NAME:HASH[:UID:GID:GECOS:HOME:SHELL...]": fields past the second are
// optional, past the fifth ignored; the GECOS field becomes the personal
// information. Empty lines and '#' comments are skipped.
#pragma once
#include <string_view>

#include "import/source.h"

namespace vmm::import {

Source read_pop3d(const SourcePaths& paths);
Source read_vpop3d(const SourcePaths& paths);

// The accounts of one passwd-format text (file names where it came from);
// each account's mbox is spool/NAME. Lines that are not NAME:HASH[...] are
// problems.
void read_passwd_lines(std::string_view text, const std::string& file, const std::string& spool,
                       Source& out);

}  // namespace vmm::import
