// The session cookie of the web pages (SPEC §18): never readable by a
// script, never sent by another site's request, only over TLS when the
// page came over TLS.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace vmm::web {

struct CookieFlags {
  bool secure = false;  // the request came over HTTPS
  long max_age = -1;    // seconds; -1: a browser-session cookie; 0: delete it now
};

// The value of a Set-Cookie header line (without "Set-Cookie: "): name=value;
// Path=/; HttpOnly; SameSite=Strict, then Secure and Max-Age as flags say.
// Error(usage) for a name or value that a cookie cannot carry (the tokens
// we make are plain ASCII without ; , blanks or quotes).
std::string set_cookie(std::string_view name, std::string_view value, const CookieFlags& flags);

// The value of cookie name in an HTTP_COOKIE header ("a=1; b=2"), the first
// one if repeated.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

}  // namespace vmm::web
