#include "domain/base_user.h"

#include <utility>

#include "sys/user_db.h"

namespace vmm::domain {

std::optional<BaseUser> SystemUserDb::find(const std::string& name) const {
  std::optional<sys::PasswdEntry> pw = sys::getpw(name);
  if (!pw) return std::nullopt;
  return BaseUser{std::move(pw->name), pw->uid, pw->gid, std::move(pw->home),
                  std::move(pw->shell)};
}

std::optional<std::string> SystemUserDb::system_password(const std::string& name) const {
  return sys::getsp_password(name);
}

}  // namespace vmm::domain
