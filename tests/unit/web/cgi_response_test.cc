#include "web/cgi_response.h"

#include <doctest/doctest.h>

using namespace vmm::web;

TEST_CASE("cgi_output: status, cookies, no caching, no script, then the page") {
  Response r;
  r.status = 403;
  r.cookies = {"a=1; Path=/; HttpOnly; SameSite=Strict"};
  r.body = "<p>x</p>";
  CHECK(cgi_output(r) ==
        "Status: 403 Forbidden\r\n"
        "Set-Cookie: a=1; Path=/; HttpOnly; SameSite=Strict\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "Cache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "X-Frame-Options: DENY\r\n"
        "Referrer-Policy: same-origin\r\n"
        "Content-Security-Policy: default-src 'none'; style-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'\r\n"
        "\r\n<p>x</p>");
}

TEST_CASE("redirect_to: 303 See Other with the Location") {
  const std::string out = cgi_output(redirect_to("http://h/v.cgi?done=password"));
  CHECK(out.rfind("Status: 303 See Other\r\nLocation: http://h/v.cgi?done=password\r\n", 0) == 0);
  CHECK(status_text(503) == "Service Unavailable");
}
