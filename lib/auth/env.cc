#include "auth/env.h"

#include "auth/dovecot_fields.h"

namespace vmm::auth {
namespace {

std::string limit_text(const fmt::Limit& v) { return v ? std::to_string(*v) : "-"; }

const char* flag(bool b) { return b ? "1" : "0"; }

}  // namespace

std::vector<EnvChange> account_env(std::string_view account, const fmt::Record* record) {
  const char* const names[] = {"VUSER_CTIME",    "VUSER_EXPIRY",   "VUSER_HARDQUOTA",
                               "VUSER_SOFTQUOTA", "VUSER_MSGSIZE",  "VUSER_MSGCOUNT",
                               "VUSER_PERSONAL",  "VUSER_HAS_MAILBOX", "VUSER_MAILBOX_ENABLED"};
  std::vector<EnvChange> out;
  if (record == nullptr) {
    out.push_back({"VUSER", ""});
    for (const char* name : names) out.push_back({name, std::nullopt});
    return out;
  }
  const fmt::Record& r = *record;
  const std::string values[] = {limit_text(r.ctime),      limit_text(r.expiry),
                                limit_text(r.hard_quota), limit_text(r.soft_quota),
                                limit_text(r.msg_size),   limit_text(r.msg_count),
                                r.personal,               flag(r.has_mailbox),
                                flag(r.mailbox_enabled)};
  out.push_back({"VUSER", std::string(account)});
  for (std::size_t i = 0; i < std::size(names); ++i) out.push_back({names[i], values[i]});
  return out;
}

std::vector<EnvChange> dovecot_env(const DovecotUser& user) {
  std::vector<EnvChange> out;
  std::string extra;
  bool quota = false;
  for (const auto& [key, value] : userdb_fields(user, DovecotVersion::v2_3)) {
    out.push_back({"userdb_" + key, value});
    extra += (extra.empty() ? "userdb_" : " userdb_") + key;
    quota = quota || key == "quota_rule";
  }
  // Not inherited from the server either, when the account has no limits.
  if (!quota) out.push_back({"userdb_quota_rule", std::nullopt});
  out.push_back({"EXTRA", extra});
  return out;
}

void apply_env(LoginSystem& sys, const std::vector<EnvChange>& changes) {
  for (const EnvChange& c : changes) {
    if (c.value)
      sys.set_env(c.name, *c.value);
    else
      sys.unset_env(c.name);
  }
}

}  // namespace vmm::auth
