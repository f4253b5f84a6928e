// The process as authvmailmgr's logins see it: the shared login system,
// minus what Courier never tells. authdaemond serves every connection from
// one long-lived process and does not pass the connection's local address,
// so a TCPLOCALHOST or TCPLOCALIP in our environment (inherited from however
// authdaemond was started) says nothing about the login: a login without a
// domain resolves only through default-domain (SPEC §14).
#pragma once
#include <optional>
#include <string>

#include "auth/system.h"

namespace vmm::courier {

class CourierLoginSystem final : public auth::DelegatingLoginSystem {
 public:
  explicit CourierLoginSystem(auth::LoginSystem& process) : DelegatingLoginSystem(process) {}

  // nullopt for TCPLOCALHOST and TCPLOCALIP; everything else is process's.
  std::optional<std::string> env(const std::string& name) const override;
};

}  // namespace vmm::courier
