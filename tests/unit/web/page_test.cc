#include "web/page.h"

#include <doctest/doctest.h>

#include "../testing/text.h"
#include "web/csrf.h"

using namespace vmm::web;
using vmm::testing::has;

TEST_CASE("render_page: phone-ready, one stylesheet, escaped title and who") {
  const std::string h = render_page({"/v.cgi", "tok", "<b>@x"}, "A & B", "<p>body</p>");
  CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(has(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  CHECK(has(h, "<link rel=\"stylesheet\" href=\"/v.cgi?p=style.css\">"));
  CHECK(has(h, "<title>A &amp; B - vmailmgr</title>"));
  CHECK(has(h, "<span class=\"who\">&lt;b&gt;@x</span>"));
  CHECK(has(h, "<p>body</p>"));
  CHECK_FALSE(has(h, "<script"));
  // logged in: a logout form with its anti-CSRF field
  CHECK(has(h, "name=\"csrf\" value=\"" + csrf_token("tok", "logout") + "\""));
  // logged out: no logout form
  CHECK_FALSE(has(render_page({"/v.cgi", "", ""}, "Log in", ""), "logout"));
}

TEST_CASE("post_form: the action and the anti-CSRF field of this session") {
  const std::string f = post_form({"/v.cgi?\"", "tok", "w"}, "set_forwards", "<i>x</i>");
  CHECK(f == "<form method=\"post\" action=\"/v.cgi?&quot;\">\n"
             "<input type=\"hidden\" name=\"action\" value=\"set_forwards\">\n"
             "<input type=\"hidden\" name=\"csrf\" value=\"" +
                 csrf_token("tok", "set_forwards") + "\">\n<i>x</i></form>\n");
}

TEST_CASE("format_bytes and format_limit") {
  CHECK(format_bytes(0) == "0 bytes");
  CHECK(format_bytes(1) == "1 byte");
  CHECK(format_bytes(1023) == "1023 bytes");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(5000000) == "4.8 MiB");
  CHECK(format_bytes(50 * 1024 * 1024) == "50 MiB");
  CHECK(format_limit(std::nullopt, true) == "unlimited");
  CHECK(format_limit(500, false) == "500");
  CHECK(notice("<x>", false) == "<p class=\"notice refused\" role=\"status\">&lt;x&gt;</p>\n");
  CHECK(stylesheet().find("@media (max-width:40em)") != std::string_view::npos);
}
