// sendmail's virtusertable, as the UW imapd VPOP patch also resolved logins
// through it (SPEC §19): lines "user@DOMAIN TARGET" and "@DOMAIN TARGET" (the
// catch-all); lines of other domains are left alone. TARGET is an address
// (forwarded to), or a local name. A local name that is a system user
// (--passwd, default /etc/passwd; its hash from --shadow, default
// /etc/shadow, when the passwd file says "x") becomes an account here, named
// after the first line that maps to it, with the user's hash and mbox
// (--spool, default /var/spool/mail, file named after the user); further
// lines mapping to the same user become aliases of that account, so mail
// still arrives in one mailbox. A local name that is no system user must be
// an account of the domain. "error:..." targets and %N substitutions cannot
// be written as an alias: reported.
#pragma once
#include "import/source.h"

namespace vmm::import {

Source read_virtusertable(const SourcePaths& paths);

}  // namespace vmm::import
