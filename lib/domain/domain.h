// One virtual domain as the tools, checkvpw and vdeliver see it: the base
// user's home, its settings (per-domain then global) and its account table.
#pragma once
#include <string>
#include <string_view>

#include "domain/config.h"
#include "store/last_login.h"
#include "store/table.h"

namespace vmm::domain {

class Domain {
 public:
  // home: the base user's home directory (absolute). Settings are read from
  // home/.vmailmgr then the global directory.
  Domain(std::string home, Config global);
  static Domain at_home(std::string home);  // with Config::global()

  const std::string& home() const { return home_; }
  const Config& config() const { return config_; }
  // The table home/<password-file>.cdb.
  store::Table table() const;
  // When each account last logged in: home/last-login/ (SPEC §20).
  store::LastLogins last_logins() const;
  // The directory a new account NAME gets, as stored ("./users/..."), from
  // user-dir, user-dir-bits and user-dir-slices.
  std::string new_account_dir(std::string_view name) const;
  // A stored directory ("./users/joe", "users/joe" or absolute) as an
  // absolute path; "" stays "".
  std::string absolute(std::string_view stored_dir) const;

 private:
  std::string home_;
  Config config_;
};

}  // namespace vmm::domain
