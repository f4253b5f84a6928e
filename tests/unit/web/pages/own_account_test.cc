#include "web/pages/own_account.h"

#include <doctest/doctest.h>

#include "../../testing/text.h"
#include "web/csrf.h"

using namespace vmm::web;
using vmm::testing::has;

TEST_CASE("own_account_page: password, forwards, autoresponse; no account named in a form") {
  AccountView v;
  v.domain = "ex.org";
  v.name = "ann";
  v.record.password = "$6$h";
  v.record.directory = "./users/ann";
  v.record.has_mailbox = true;
  v.autoresponse = {"disabled", std::string("Subject: away\n\nback soon\n"), ""};
  const std::string h = own_account_page({"/v.cgi", "tok", "ann@ex.org"}, v, "Forwards saved.");
  CHECK(has(h, "<title>ann@ex.org - vmailmgr</title>"));
  CHECK(has(h, "Forwards saved."));
  for (const char* action : {"own_password", "own_forwards", "own_autoresponse"})
    CHECK(has(h, "name=\"csrf\" value=\"" + csrf_token("tok", action) + "\""));
  CHECK(has(h, "name=\"current\""));
  CHECK_FALSE(has(h, "name=\"name\""));
  CHECK_FALSE(has(h, "set_limits"));
  CHECK(has(h, "Subject: away\n\nback soon\n</textarea>"));
  CHECK_FALSE(has(h, " checked>"));
}
