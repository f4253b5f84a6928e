// What Dovecot learns about a logged-in user: the mail process's uid, gid,
// home and Maildir, and the account's limits as its quota. The same values
// reach Dovecot 2.3 through checkvpw (checkpassword's EXTRA, auth/env.h)
// and Dovecot 2.3 or 2.4 through dovecotvpw.lua (fields of its answers),
// each in the field names of its version.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/env.h"
#include "auth/verify.h"
#include "domain/config.h"

namespace vmm::auth {

// A virtual account: the base user's uid and gid, home = Maildir = the
// account's directory (absolute), its hard quota and message-count limit.
// A system user: its own uid, gid and home, the Maildir default-maildir
// (relative to the home unless absolute), no limits.
DovecotUser dovecot_user(const VerifiedLogin& login, const domain::Config& global);

enum class DovecotVersion { v2_3, v2_4 };

// "2.3" or "2.4" (a later 2.4.x too: "2.4.4"); anything else is
// Error(usage, "unknown Dovecot version 'X' (2.3 or 2.4)").
DovecotVersion parse_dovecot_version(std::string_view text);

using DovecotFields = std::vector<std::pair<std::string, std::string>>;

// The userdb fields, in this order: uid, gid, home, then
//   2.3: mail=maildir:PATH, and quota_rule=*:storage=<n>B:messages=<m>
//        (each part only when set) when the account has either limit: both
//        in one rule, so Dovecot writes the same Maildir++ definition
//        ("NS,NC") as vdeliver and neither rewrites the other's maildirsize;
//   2.4: mail_driver=maildir, mail_path=PATH, quota_storage_size=<n> and
//        quota_message_count=<m>, each only when set.
DovecotFields userdb_fields(const DovecotUser& user, DovecotVersion version);

}  // namespace vmm::auth
