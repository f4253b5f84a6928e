// Who a request comes from: the session token in the cookie (SPEC §18,
// vmailmgr.cgi(8)). The CGI holds no key: it reads the token's public
// fields (domain, account, authority) only to know what to ask vmailmgrd;
// the daemon checks the MAC, the expiry and the password stamp on every
// request, so a forged or edited token gets nothing.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace vmm::web {

inline constexpr const char* kSessionCookie = "vmailmgr_session";

struct WebSession {
  std::string token;   // as the daemon gave it; sent as the password
  std::string domain;  // as the daemon resolved it
  std::string user;    // "" for a domain administrator
  bool admin = false;
};

// The public fields of a token of the form "v1." hex(domain) "." hex(user)
// "." a|o "." expires "." hex(stamp) "." mac; nullopt when it has another
// shape (then there is no session: the login page).
std::optional<WebSession> session_of_token(std::string_view token);

}  // namespace vmm::web
