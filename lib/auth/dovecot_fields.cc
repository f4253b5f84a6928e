#include "auth/dovecot_fields.h"

#include <optional>

#include "sys/error.h"

namespace vmm::auth {
namespace {

std::optional<std::string> quota_rule(const DovecotUser& user) {
  if (!user.hard_quota && !user.msg_count) return std::nullopt;
  std::string rule = "*";
  if (user.hard_quota) rule += ":storage=" + std::to_string(*user.hard_quota) + "B";
  if (user.msg_count) rule += ":messages=" + std::to_string(*user.msg_count);
  return rule;
}

}  // namespace

DovecotUser dovecot_user(const VerifiedLogin& login, const domain::Config& global) {
  const domain::BaseUser& base = login.target.base;
  DovecotUser user{base.uid, base.gid, base.home, "", std::nullopt, std::nullopt};
  if (login.virtual_account()) {
    user.home = user.maildir = login.domain->absolute(login.record.directory);
    user.hard_quota = login.record.hard_quota;
    user.msg_count = login.record.msg_count;
  } else {
    std::string rel = global.str("default-maildir");
    user.maildir = !rel.empty() && rel.front() == '/' ? rel : base.home + "/" + rel;
  }
  return user;
}

DovecotVersion parse_dovecot_version(std::string_view text) {
  auto is = [&](std::string_view v) {
    return text == v || (text.size() > v.size() && text.substr(0, v.size()) == v &&
                         text[v.size()] == '.');
  };
  if (is("2.3")) return DovecotVersion::v2_3;
  if (is("2.4")) return DovecotVersion::v2_4;
  throw Error(ErrorClass::usage, "unknown Dovecot version '" + std::string(text) + "' (2.3 or 2.4)");
}

DovecotFields userdb_fields(const DovecotUser& user, DovecotVersion version) {
  DovecotFields f = {
      {"uid", std::to_string(user.uid)},
      {"gid", std::to_string(user.gid)},
      {"home", user.home},
  };
  if (version == DovecotVersion::v2_3) {
    f.push_back({"mail", "maildir:" + user.maildir});
    if (std::optional<std::string> rule = quota_rule(user)) f.push_back({"quota_rule", *rule});
  } else {
    f.push_back({"mail_driver", "maildir"});
    f.push_back({"mail_path", user.maildir});
    if (user.hard_quota) f.push_back({"quota_storage_size", std::to_string(*user.hard_quota)});
    if (user.msg_count) f.push_back({"quota_message_count", std::to_string(*user.msg_count)});
  }
  return f;
}

}  // namespace vmm::auth
