// The environment checkvpw hands to hooks and to the next program (SPEC §6):
// computed here as plain values, applied by the login flow.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/system.h"
#include "fmt/record.h"

namespace vmm::auth {

struct EnvChange {
  std::string name;
  std::optional<std::string> value;  // nullopt = unset
  bool operator==(const EnvChange&) const = default;
};

// VUSER and, for a virtual account, VUSER_CTIME VUSER_EXPIRY VUSER_HARDQUOTA
// VUSER_SOFTQUOTA VUSER_MSGSIZE VUSER_MSGCOUNT (decimal, "-" = unlimited)
// VUSER_PERSONAL VUSER_HAS_MAILBOX VUSER_MAILBOX_ENABLED ("1"/"0").
// record == nullptr is a system user: VUSER empty, the others unset, so
// nothing inherited from the server can pass for an account's value.
std::vector<EnvChange> account_env(std::string_view account, const fmt::Record* record);

// Dovecot's userdb fields, listed in EXTRA for checkpassword-reply:
// userdb_uid, userdb_gid, userdb_home, userdb_mail ("maildir:<path>") and,
// when the account has a hard quota or a message-count limit,
// userdb_quota_rule ("*:storage=<n>B:messages=<m>", each part when set).
struct DovecotUser {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home, maildir;
  fmt::Limit hard_quota;
  fmt::Limit msg_count;
};
std::vector<EnvChange> dovecot_env(const DovecotUser& user);

void apply_env(LoginSystem& sys, const std::vector<EnvChange>& changes);

}  // namespace vmm::auth
