// The base user (SPEC §1): the Unix account owning one virtual domain, looked
// up through UserDb so login resolution can be tested with an in-memory fake.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>

namespace vmm::domain {

struct BaseUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home, shell;
  bool operator==(const BaseUser&) const = default;
};

class UserDb {
 public:
  virtual ~UserDb() = default;
  // nullopt = no such user; a failing lookup throws (temporary), never nullopt.
  virtual std::optional<BaseUser> find(const std::string& name) const = 0;
  // shadow (getspnam) password of a system user, nullopt when none / unreadable
  virtual std::optional<std::string> system_password(const std::string& name) const = 0;
};

// The real one: getpwnam_r / getspnam_r (lib/sys/user_db.h).
class SystemUserDb : public UserDb {
 public:
  std::optional<BaseUser> find(const std::string& name) const override;
  std::optional<std::string> system_password(const std::string& name) const override;
};

}  // namespace vmm::domain
