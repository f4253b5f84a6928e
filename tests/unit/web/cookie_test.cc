#include "web/cookie.h"

#include <doctest/doctest.h>

#include "sys/error.h"

using vmm::Error;
using vmm::web::CookieFlags;
using vmm::web::cookie_value;
using vmm::web::set_cookie;

TEST_CASE("set_cookie: always HttpOnly and SameSite=Strict; Secure under HTTPS") {
  CHECK(set_cookie("vmsession", "abc.def", {}) ==
        "vmsession=abc.def; Path=/; HttpOnly; SameSite=Strict");
  CHECK(set_cookie("vmsession", "t", {.secure = true}) ==
        "vmsession=t; Path=/; HttpOnly; SameSite=Strict; Secure");
  CHECK(set_cookie("vmsession", "", {.secure = false, .max_age = 0}) ==
        "vmsession=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

TEST_CASE("set_cookie: a value that would break the header is refused") {
  CHECK_THROWS_AS(set_cookie("vmsession", "a; Domain=evil", {}), Error);
  CHECK_THROWS_AS(set_cookie("vmsession", "a\r\nSet-Cookie: x=1", {}), Error);
  CHECK_THROWS_AS(set_cookie("vm=s", "a", {}), Error);
  CHECK_THROWS_AS(set_cookie("", "a", {}), Error);
}

TEST_CASE("cookie_value: finds its name among others, the first when repeated") {
  CHECK(cookie_value("a=1; vmsession=tok.en; b=2", "vmsession") == "tok.en");
  CHECK(cookie_value("vmsession=first;vmsession=second", "vmsession") == "first");
  CHECK(cookie_value("xvmsession=no; vmsessionx=no", "vmsession") == std::nullopt);
  CHECK(cookie_value("", "vmsession") == std::nullopt);
  CHECK(cookie_value("junk; vmsession = v ", "vmsession") == "v");
}
