// The login page (SPEC §18): a mail user signs in with the address and
// the account's password, a domain administrator with the domain and its
// admin password. Both forms post the password; nothing is ever prefilled
// but the name typed before.
#pragma once
#include <string>
#include <string_view>

#include "web/page.h"

namespace vmm::web {

struct LoginNotice {
  std::string text;  // "" for none
  bool ok = false;   // a result (logged out) rather than a refusal
};

std::string login_page(const PageFrame& frame, const LoginNotice& notice,
                       std::string_view address = {}, std::string_view domain = {});

}  // namespace vmm::web
