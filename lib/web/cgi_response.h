// What a CGI program answers (RFC 3875 §6): a Status line, headers, the
// page. Every answer forbids caching (pages hold account data and forms
// whose anti-CSRF token belongs to one session) and framing, and carries a
// Content-Security-Policy that allows no script at all.
#pragma once
#include <string>
#include <vector>

namespace vmm::web {

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string location;              // a redirect's target (status 303)
  std::vector<std::string> cookies;  // Set-Cookie values (web/cookie.h)
  std::string body;
};

// 303 See Other to location: the Get after a Post (Post/Redirect/Get).
Response redirect_to(std::string location);

// The reason phrase of the statuses the pages use ("OK", "See Other", ...).
std::string status_text(int status);

// The whole CGI answer: headers with CR LF, an empty line, the body.
std::string cgi_output(const Response& r);

}  // namespace vmm::web
