#include "web/pages/login.h"

#include <doctest/doctest.h>

#include "../../testing/text.h"

using namespace vmm::web;
using vmm::testing::has;

TEST_CASE("login_page: two forms, the typed name kept and escaped, never a password") {
  const std::string h = login_page({"/v.cgi", "", ""}, {"Login failed: <x>", false}, "jo\"e@ex.org");
  CHECK(has(h, "<input type=\"hidden\" name=\"action\" value=\"login_user\">"));
  CHECK(has(h, "<input type=\"hidden\" name=\"action\" value=\"login_admin\">"));
  CHECK(has(h, "value=\"jo&quot;e@ex.org\""));
  CHECK(has(h, "<p class=\"notice refused\" role=\"status\">Login failed: &lt;x&gt;</p>"));
  CHECK(has(h, "type=\"password\" id=\"user_password\" name=\"password\" autocomplete=\"current-password\" maxlength=\"1024\">"));
  CHECK_FALSE(has(h, "csrf"));  // nobody is logged in yet
}
