// Teapop's virtual domains (SPEC §19). teapop.passwd (/etc, else
// /usr/local/etc) holds a line per domain, "DOMAIN:IP:METHOD:MAILDIR:HASH-
// LEVEL:UID:GID:PASSWORDFILE:MAX:"; vimport reads the domains whose METHOD
// is "textfile" (PASSWORDFILE lines "USER:PASSWORD:MAILBOX", the password in
// plain text) or "htpasswd" (lines "USER:CRYPT-HASH", the mailbox named
// after the user). A mailbox is MAILDIR, then one directory per HASH-LEVEL
// letter of its name, then the name; one ending in '/' is a Maildir, any
// other an mbox. Plain-text passwords are hashed here with the preferred
// method (never stored as they are); crypt hashes are kept. Like teapop,
// '#' and ';' start comments, and a last line without a newline, which
// teapop never read, is reported instead of imported.
#pragma once
#include <string>
#include <string_view>

#include "import/source.h"

namespace vmm::import {

Source read_teapop(const SourcePaths& paths);

// The line of teapop.passwd text for domain (case-insensitive), split into
// its fields; Error(permanent) naming file when there is none or its method
// is not textfile or htpasswd.
std::vector<std::string> teapop_domain_line(std::string_view text, const std::string& domain,
                                            const std::string& file);

// MAILDIR + the hash levels of mailbox + "/" + mailbox, as teapop opens it.
std::string teapop_mailbox_path(const std::string& maildir, int levels, const std::string& mailbox);

}  // namespace vmm::import
