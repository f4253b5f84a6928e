// The process as authvmailmgr's logins see it: the shared login system,
// minus what Courier never tells. authdaemond serves every connection from
// one long-lived process and does not pass the connection's local address,
// so a TCPLOCALHOST or TCPLOCALIP in our environment (inherited from however
// authdaemond was started) says nothing about the login: a login without a
// domain resolves only through default-domain (SPEC §14).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/system.h"

namespace vmm::courier {

class CourierLoginSystem final : public auth::LoginSystem {
 public:
  explicit CourierLoginSystem(auth::LoginSystem& process) : process_(process) {}

  // nullopt for TCPLOCALHOST and TCPLOCALIP; everything else is process's.
  std::optional<std::string> env(const std::string& name) const override;
  void set_env(const std::string& name, const std::string& value) override;
  void unset_env(const std::string& name) override;
  std::time_t now() const override;
  uid_t uid() const override;
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override;
  int run(const std::vector<std::string>& argv) override;
  void warn(const std::string& message) override;

 private:
  auth::LoginSystem& process_;
};

}  // namespace vmm::courier
