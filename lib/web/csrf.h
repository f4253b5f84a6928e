// Anti-CSRF tokens of the web pages (SPEC §18): every form that changes
// something carries HMAC-SHA256(session identity, action) in hex, where the
// identity is the session token without its expiry and MAC (version,
// domain, user, authority, password stamp). Another site can make a browser
// post a form, but cannot read the session cookie, so it cannot compute the
// field; the CGI needs no key or state of its own. Renewing the session
// (every page load moves the expiry) keeps the field valid, so a second tab
// or the Back button still works; a password change (new stamp) or another
// account's session does not.
#pragma once
#include <string>
#include <string_view>

namespace vmm::web {

inline constexpr const char* kCsrfField = "csrf";

std::string csrf_token(std::string_view session_token, std::string_view action);

// given equals csrf_token(session_token, action), compared in constant
// time; an empty session token is never valid.
bool csrf_valid(std::string_view session_token, std::string_view action, std::string_view given);

}  // namespace vmm::web
