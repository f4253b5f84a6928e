// Helpers shared by the login tests (domain::login_verdict and checkvpw's
// auth_* tests): virtual account records and tables, an in-memory user
// database and known password hashes. The temporary directory and the file
// utilities are the shared ones in ../testing/.
#pragma once
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/base_user.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::login_testing {

// A virtual account with a mailbox at ./users/NAME.
inline fmt::Record mailbox(const std::string& name, const std::string& hash) {
  fmt::Record r;
  r.password = hash;
  r.directory = "./users/" + name;
  r.has_mailbox = true;
  r.mailbox_enabled = true;
  r.ctime = 1700000000;
  return r;
}

// An alias: no mailbox, password '*', forwards.
inline fmt::Record alias(const std::string& name, std::vector<std::string> forwards) {
  fmt::Record r;
  r.password = "*";
  r.directory = "./users/" + name;
  r.has_mailbox = false;
  r.forwards = std::move(forwards);
  r.ctime = 1700000000;
  return r;
}

// Writes home/passwd.cdb holding exactly these accounts (after what is there).
inline void put_accounts(const std::string& home,
                         const std::vector<std::pair<std::string, fmt::Record>>& accounts) {
  store::Table table(home);
  table.update([&](const store::TableSnapshot&, store::TableChange& change) {
    for (const auto& [name, record] : accounts) change.put(name, record);
  });
}

// An in-memory user database: users by name, shadow hashes by name.
class FakeUserDb : public domain::UserDb {
 public:
  void add(const std::string& name, uid_t uid, gid_t gid, const std::string& home,
           std::optional<std::string> shadow = std::nullopt) {
    users_[name] = domain::BaseUser{name, uid, gid, home, "/bin/sh"};
    if (shadow) shadow_[name] = *shadow;
  }
  std::optional<domain::BaseUser> find(const std::string& name) const override {
    auto it = users_.find(name);
    if (it == users_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> system_password(const std::string& name) const override {
    auto it = shadow_.find(name);
    if (it == shadow_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, domain::BaseUser> users_;
  std::map<std::string, std::string> shadow_;
};

// Known hashes: "$1$" from the VMailMgr 0.97 fixture (legacy, password
// Kestrel.Moss-42) and VMailMgr's own "$0$" plain form.
inline constexpr const char* kMd5CryptHash = "$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.";
inline constexpr const char* kMd5CryptPassword = "Kestrel.Moss-42";

}  // namespace vmm::login_testing
